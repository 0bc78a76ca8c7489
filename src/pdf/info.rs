//! The document information dictionary (PDF 32000-1:2008, 14.3.3).

use pdf_writer::{Date, Pdf, Ref, TextStr};

use crate::document::{DateTime, Snapshot};

/// The `/Producer` entry: this crate and its version.
pub const PRODUCER: &str = concat!("snapdf ", env!("CARGO_PKG_VERSION"));

/// Writes the Info dictionary of `snapshot` as object `id`.
pub fn write_info(pdf: &mut Pdf, id: Ref, snapshot: &Snapshot) {
    let meta = &snapshot.metadata;
    let keywords = meta.keywords.join(", ");
    let mut info = pdf.document_info(id);
    info.title(TextStr(&snapshot.title));
    if let Some(author) = &meta.author {
        info.author(TextStr(author));
    }
    if let Some(subject) = meta.subject.as_deref().or(snapshot.subtitle.as_deref()) {
        info.subject(TextStr(subject));
    }
    if !keywords.is_empty() {
        info.keywords(TextStr(&keywords));
    }
    info.creator(TextStr("snapdf"));
    info.producer(TextStr(PRODUCER));
    if let Some(date) = meta.creation_date.as_deref().and_then(DateTime::parse) {
        info.creation_date(pdf_date(&date));
    }
}

/// Converts a parsed ISO 8601 date to a PDF date (PDF 32000-1:2008, 7.9.4).
fn pdf_date(d: &DateTime) -> Date {
    let date = Date::new(d.year).month(d.month).day(d.day);
    match d.time {
        None => date,
        Some(t) => {
            let hours = (t.offset_minutes / 60) as i8;
            let minutes = (t.offset_minutes.unsigned_abs() % 60) as u8;
            date.hour(t.hour).minute(t.minute).second(t.second).utc_offset_hour(hours).utc_offset_minute(minutes)
        }
    }
}
