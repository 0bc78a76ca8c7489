//! Attached documents as embedded files (PDF 32000-1:2008, 7.11.4): an embedded file
//! stream with its size and MD5 checksum (7.11.4.2, Table 46), a file specification
//! naming it, and the catalog's `/EmbeddedFiles` name tree listing them all, so a
//! reader's attachments panel (or `pdfdetach`) can save each one byte for byte.

use md5::{Digest, Md5};
use pdf_writer::{Filter, Name, Pdf, Ref, Str, TextStr, writers::Catalog};

use super::{Compression, Refs, deflated};
use crate::document::{Block, Snapshot};

/// Writes every attached document that has bytes; returns the file specifications in
/// document order.
pub(super) fn write(pdf: &mut Pdf, refs: &mut Refs, snapshot: &Snapshot, compression: Compression) -> Vec<Ref> {
    let items = crate::document::nest::all(&snapshot.blocks).into_iter().filter_map(|b| match b {
        Block::Documents(d) => Some(&d.items),
        _ => None,
    });
    let mut specs = Vec::new();
    for item in items.flatten() {
        let Some(data) = &item.data else { continue };
        let (file_id, spec_id) = (refs.next(), refs.next());
        let packed = deflated(&data.bytes, compression);
        let mut file = pdf.embedded_file(file_id, packed.as_deref().unwrap_or(&data.bytes));
        if packed.is_some() {
            file.filter(Filter::FlateDecode);
        }
        if let Some(media) = &item.media_type {
            file.subtype(Name(&escape_name(media)));
        }
        let checksum: [u8; 16] = Md5::digest(&data.bytes).into();
        file.params().size(data.bytes.len().min(i32::MAX as usize) as i32).checksum(Str(&checksum));
        drop(file);

        let mut spec = pdf.file_spec(spec_id);
        let name = file_name(&item.name);
        spec.path(Str(&ascii_name(&name))).unic_file(TextStr(&name));
        if let Some(desc) = &item.description {
            spec.description(TextStr(desc));
        }
        spec.embedded_file_with_unicode(file_id);
        specs.push(spec_id);
    }
    specs
}

/// Adds the `/Names` dictionary with the `/EmbeddedFiles` name tree to the catalog.
/// The keys are the zero-padded positions, so they sort as the tree requires and stay
/// unique even when two documents share a name.
pub(super) fn name_tree(catalog: &mut Catalog, specs: &[Ref]) {
    if specs.is_empty() {
        return;
    }
    let mut names = catalog.names();
    let mut tree = names.embedded_files();
    let mut entries = tree.names();
    for (i, &spec) in specs.iter().enumerate() {
        entries.insert(Str(format!("{:06}", i + 1).as_bytes()), spec);
    }
}

/// A media type as a PDF name: bytes outside `!`..`~` and the delimiters are written
/// as `#xx` (PDF 32000-1:2008, 7.3.5), so `image/svg+xml` becomes `image#2Fsvg+xml`.
fn escape_name(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 4);
    for &b in s.as_bytes() {
        if (b'!'..=b'~').contains(&b) && !b"()<>[]{}/%#".contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
    out
}

/// The plain file name a file specification carries (`/F`, `/UF`): the last component
/// of what the snapshot gave, split at `/` and `\\`, with control characters and the
/// characters Windows forbids in file names (`:*?"<>|`) as `_`. A reader that saves an
/// attachment under this name (`pdfdetach -saveall`, a viewer's "save as") writes it
/// into the folder it was asked to: `../../x.txt`, `/abs/x.txt` and `C:\\x.txt` all become
/// `x.txt`. A name with no such component (`..`, `/`, empty) becomes `attachment`. The
/// list drawn on the page still shows the name as written.
pub(crate) fn file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().map(|c| if c.is_control() || ":*?\"<>|".contains(c) { '_' } else { c }).collect();
    if clean.trim_matches(['.', ' ']).is_empty() { "attachment".to_owned() } else { clean }
}

/// The file name for the legacy `/F` entry: ASCII, other characters as `_`. Readers
/// show the Unicode `/UF` name where they can.
fn ascii_name(name: &str) -> Vec<u8> {
    name.chars().map(|c| if c.is_ascii() && !c.is_ascii_control() { c as u8 } else { b'_' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_escape_delimiters() {
        assert_eq!(escape_name("image/svg+xml"), b"image#2Fsvg+xml");
        assert_eq!(escape_name("text/plain; charset=utf-8"), b"text#2Fplain;#20charset=utf-8");
        assert_eq!(ascii_name("Résumé.pdf"), b"R_sum_.pdf");
    }

    #[test]
    fn file_specifications_carry_a_plain_file_name() {
        for (given, plain) in [
            ("report.pdf", "report.pdf"),
            ("../../x.txt", "x.txt"),
            ("/abs/x.txt", "x.txt"),
            ("C:\\Windows\\x.txt", "x.txt"),
            ("a/b\\c:d?.txt", "c_d_.txt"),
            ("..", "attachment"),
            ("dir/", "attachment"),
            ("", "attachment"),
            (" . ", "attachment"),
            (".profile", ".profile"),
            ("Отчёт 2024.xlsx", "Отчёт 2024.xlsx"),
        ] {
            assert_eq!(file_name(given), plain, "{given:?}");
        }
    }
}
