//! The document information dictionary (PDF 32000-1:2008, 14.3.3).

use pdf_writer::{Date, Pdf, Ref, TextStr};

use crate::document::{DateTime, Snapshot};
use crate::key::CacheKey;

/// The `/Producer` entry: this crate and its version.
pub const PRODUCER: &str = concat!("snapdf ", env!("CARGO_PKG_VERSION"));

/// Writes the XMP metadata stream (ISO 16684-1; PDF 32000-1:2008, 14.3.2) of
/// `snapshot` as object `id`, uncompressed so that tools which do not parse PDF can
/// find it. It repeats the Info dictionary in Dublin Core, XMP and Adobe PDF schema
/// properties; the document and instance IDs are UUID-shaped renderings of the first
/// 16 bytes of the cache key.
pub fn write_xmp(pdf: &mut Pdf, id: Ref, snapshot: &Snapshot, key: &CacheKey) {
    let meta = &snapshot.metadata;
    let keywords = meta.keywords.join(", ");
    let mut xmp = xmp_writer::XmpWriter::new();
    xmp.title([(None, snapshot.title.as_ref())]).format("application/pdf");
    if let Some(author) = &meta.author {
        xmp.creator([author.as_ref()]);
    }
    if let Some(subject) = meta.subject.as_deref().or(snapshot.subtitle.as_deref()) {
        xmp.description([(None, subject)]);
    }
    if !keywords.is_empty() {
        xmp.pdf_keywords(&keywords);
    }
    xmp.producer(PRODUCER).creator_tool("snapdf");
    if let Some(date) = meta.creation_date.as_deref().and_then(DateTime::parse) {
        xmp.create_date(xmp_date(&date));
    }
    let b = key.as_bytes();
    let hex = |r: std::ops::Range<usize>| b[r].iter().map(|x| format!("{x:02x}")).collect::<String>();
    let uuid = format!("uuid:{}-{}-{}-{}-{}", hex(0..4), hex(4..6), hex(6..8), hex(8..10), hex(10..16));
    xmp.document_id(&uuid).instance_id(&uuid);
    let text = xmp.finish(None);
    pdf.metadata(id, text.as_bytes());
}

/// Converts a parsed ISO 8601 date to an XMP date.
fn xmp_date(d: &DateTime) -> xmp_writer::DateTime {
    let mut x = xmp_writer::DateTime::date(d.year, d.month, d.day);
    if let Some(t) = d.time {
        x.hour = Some(t.hour);
        x.minute = Some(t.minute);
        x.second = Some(t.second);
        let (hour, minute) = ((t.offset_minutes / 60) as i8, (t.offset_minutes % 60) as i8);
        x.timezone = Some(if t.offset_minutes == 0 {
            xmp_writer::Timezone::Utc
        } else {
            xmp_writer::Timezone::Local { hour, minute }
        });
    }
    x
}

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
