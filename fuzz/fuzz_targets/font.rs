//! Damaged font files: DejaVu Sans (fonts-dejavu-core, TrueType outlines) or Cantarell
//! (fonts-cantarell, CFF outlines) with arbitrary bytes overwritten and maybe cut
//! short, supplied for a snapshot set in it and rendered. Parsing, measuring, kerning
//! and subsetting a damaged face must end in a PDF or an error that names the font:
//! never a panic, a hang or unbounded memory.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const CANTARELL: &str = "/usr/share/fonts/opentype/cantarell/Cantarell-Regular.otf";

/// For DejaVu Sans: Latin, Cyrillic and Greek letters, kerned pairs ("AV", "To"), bold
/// (set in the same face: no bold one is supplied) and a table. The snapshot is valid
/// with the undamaged font, so most inputs get through to layout and subsetting.
const SNAPSHOT: &str = r#"{"title": "AVAV To Жж λ", "font": "F", "blocks": [
  {"type": "paragraph", "text": ["Wavy AV To Съешь ещё λόγος ", {"text": "bold", "bold": true}]},
  {"type": "table", "columns": ["Ключ", "Value"], "rows": [["Жёлтый", 1.5], ["Ωmega", null]]}
]}"#;

/// For Cantarell: Latin with diacritics, kerned pairs, bold and a table.
const SNAPSHOT_LATIN: &str = r#"{"title": "AVAV To Łódź", "font": "F", "blocks": [
  {"type": "paragraph", "text": ["Wavy AV To Zażółć gęślą jaźń ", {"text": "Příliš žluťoučký kůň", "bold": true}]},
  {"type": "table", "columns": ["Klíč", "Value"], "rows": [["Győr", 1.5], ["Ærø", null]]}
]}"#;

#[derive(Debug, Arbitrary)]
struct Damage {
    /// Cantarell (CFF) instead of DejaVu Sans (TrueType).
    cff: bool,
    /// (table, offset, byte): a byte written into one of the file's tables (the index
    /// wraps around the table directory; past the last table come the directory itself
    /// and then the whole file), at an offset that wraps around that range. Aiming at
    /// tables, not only at the file, reaches the small ones (head, hhea, maxp, cmap,
    /// kern, GPOS) as often as glyf.
    writes: Vec<(u8, u32, u8)>,
    /// Keep only this many bytes (modulo the length), if given.
    cut: Option<u32>,
}

/// Where each table is, from the table directory (OpenType spec, "Table directory"):
/// numTables at byte 4, then 16-byte records of tag, checksum, offset and length from
/// byte 12. Then the directory itself and the whole file, as (start, length).
fn tables(data: &[u8]) -> Vec<(usize, usize)> {
    let be32 = |at: usize| u32::from_be_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]) as usize;
    let count = usize::from(u16::from_be_bytes([data[4], data[5]]));
    let mut out: Vec<(usize, usize)> = (0..count).map(|i| (be32(12 + 16 * i + 8), be32(12 + 16 * i + 12))).collect();
    out.push((0, 12 + 16 * count));
    out.push((0, data.len()));
    out
}

/// A font file and its tables, read once.
type Font = (Vec<u8>, Vec<(usize, usize)>);

fn read(path: &str) -> Font {
    let data = std::fs::read(path).unwrap_or_else(|e| panic!("{path} (scripts/setup.sh installs it): {e}"));
    let tables = tables(&data);
    (data, tables)
}

fn font(cff: bool) -> &'static Font {
    static FONTS: OnceLock<[Font; 2]> = OnceLock::new();
    &FONTS.get_or_init(|| [read(DEJAVU), read(CANTARELL)])[usize::from(cff)]
}

fuzz_target!(|damage: Damage| {
    let (original, tables) = font(damage.cff);
    let mut data = original.clone();
    for &(table, offset, byte) in damage.writes.iter().take(64) {
        let (start, len) = tables[usize::from(table) % tables.len()];
        data[start + offset as usize % len.max(1)] = byte;
    }
    if let Some(cut) = damage.cut {
        data.truncate(cut as usize % data.len());
    }
    let fonts = [snapdf::FontFile::new("F", &data)];
    let snapshot = if damage.cff { SNAPSHOT_LATIN } else { SNAPSHOT };
    match snapdf::render_json_with(snapshot, &Default::default(), &fonts) {
        Ok(out) => assert!(out.pdf.starts_with(b"%PDF-") && out.pages >= 1),
        Err(e) => assert!(!e.code().is_empty()),
    }
});
