//! The canonical encoding of a parsed snapshot: a compact binary serialization that
//! [`super::cache_key_with`] streams into SHA-256.
//!
//! Every value is written in a prefix-free form, so two different models can never
//! encode to the same bytes:
//!
//! - an unsigned integer (a length, a count, a level): unsigned LEB128, 7 bits per
//!   byte, least significant group first, the high bit set on all but the last byte
//!   (the DWARF 5 standard, section 7.6);
//! - a boolean: one byte, 0 or 1;
//! - a number of points (or any `f64`): its 8 IEEE 754 bytes, big-endian;
//! - a string: its UTF-8 length as an unsigned integer, then its bytes;
//! - an optional value: 0 when absent; 1, then the value;
//! - a list: its length as an unsigned integer, then each element;
//! - a choice (a block type, a cell type, an alignment): its index as an unsigned
//!   integer, in the order the Rust enum declares its variants, then its fields;
//! - a struct: its fields in the order the Rust struct declares them;
//! - the bytes of an attachment or image: their 32-byte SHA-256 digest.
//!
//! The snapshot is encoded after defaults are filled in and page sizes resolved to
//! points, so an omitted field and its default spelled out encode alike.

use sha2::{Digest, Sha256};

use crate::document::{
    Align, Attachment, Band, Block, BulletList, Cell, Color, Column, ColumnWidth, DocumentItem, Documents, Heading,
    ImageBlock, KeyValue, KeyValueItem, ListItem, Margins, Marker, Metadata, NumberedList, PageSetup, Paragraph, Run,
    Snapshot, Spacer, Table, Text, TextAlign,
};

/// Bytes gathered before they are handed to the hasher: SHA-256 then works on whole
/// 64-byte blocks instead of a call per field.
const BUFFER: usize = 8192;

/// Writes the canonical encoding into a SHA-256 hasher.
pub struct Canonical {
    hasher: Sha256,
    buffer: Vec<u8>,
}

impl Canonical {
    /// An encoder that feeds `hasher`.
    pub fn new(hasher: Sha256) -> Self {
        Canonical { hasher, buffer: Vec::with_capacity(BUFFER) }
    }

    /// The hasher, with everything written so far.
    pub fn finish(mut self) -> Sha256 {
        self.hasher.update(&self.buffer);
        self.hasher
    }

    #[inline]
    fn bytes(&mut self, bytes: &[u8]) {
        if self.buffer.len() + bytes.len() > BUFFER {
            self.flush(bytes);
        } else {
            self.buffer.extend_from_slice(bytes);
        }
    }

    /// Hands the buffer to the hasher, then `bytes` too if they would not fit.
    #[cold]
    fn flush(&mut self, bytes: &[u8]) {
        self.hasher.update(&self.buffer);
        self.buffer.clear();
        if bytes.len() > BUFFER {
            self.hasher.update(bytes);
        } else {
            self.buffer.extend_from_slice(bytes);
        }
    }

    /// An unsigned integer in LEB128.
    pub fn uint(&mut self, mut v: u64) {
        let mut out = [0u8; 10];
        let mut n = 0;
        loop {
            let low = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out[n] = low;
                n += 1;
                break;
            }
            out[n] = low | 0x80;
            n += 1;
        }
        self.bytes(&out[..n]);
    }

    fn len(&mut self, n: usize) {
        self.uint(n as u64);
    }

    fn bool(&mut self, v: bool) {
        self.bytes(&[u8::from(v)]);
    }

    fn f64(&mut self, v: f64) {
        self.bytes(&v.to_be_bytes());
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.bytes(s.as_bytes());
    }

    /// 0 for `None`; 1 and the value for `Some`.
    fn option<T: ?Sized>(&mut self, v: Option<&T>, write: impl FnOnce(&mut Self, &T)) {
        match v {
            None => self.bool(false),
            Some(v) => {
                self.bool(true);
                write(self, v);
            }
        }
    }

    fn opt_str(&mut self, s: Option<&str>) {
        self.option(s, |c, s| c.str(s));
    }

    fn strs<S: AsRef<str>>(&mut self, list: &[S]) {
        self.len(list.len());
        for s in list {
            self.str(s.as_ref());
        }
    }

    fn attachment(&mut self, a: &Attachment) {
        self.bytes(&a.sha256);
    }

    /// A whole snapshot.
    pub fn snapshot(&mut self, s: &Snapshot) {
        // Every struct is taken apart field by field: a field added to the model does
        // not compile until it is encoded here.
        let Snapshot { title, subtitle, metadata, page, header, footer, font, mono_font, blocks } = s;
        self.str(title);
        self.opt_str(subtitle.as_deref());
        self.metadata(metadata);
        self.page(page);
        self.band(header);
        self.band(footer);
        self.strs(font);
        self.strs(mono_font);
        self.len(blocks.len());
        for block in blocks {
            self.block(block);
        }
    }

    fn metadata(&mut self, m: &Metadata) {
        let Metadata { author, subject, keywords, creation_date } = m;
        self.opt_str(author.as_deref());
        self.opt_str(subject.as_deref());
        self.strs(keywords);
        self.opt_str(creation_date.as_deref());
    }

    fn page(&mut self, p: &PageSetup) {
        let PageSetup { width, height, margins: Margins { top, right, bottom, left } } = *p;
        for v in [width, height, top, right, bottom, left] {
            self.f64(v);
        }
    }

    fn band(&mut self, b: &Band) {
        let Band { left, center, right } = b;
        for part in [left, center, right] {
            self.opt_str(part.as_deref());
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(Heading { level, text, id, align }) => {
                self.uint(0);
                self.uint(u64::from(*level));
                self.str(text);
                self.opt_str(id.as_deref());
                self.option(align.as_ref(), |c, a| c.text_align(*a));
            }
            Block::Paragraph(Paragraph { text, align, line_height }) => {
                self.uint(1);
                self.text(text);
                self.option(align.as_ref(), |c, a| c.text_align(*a));
                self.option(line_height.as_ref(), |c, v| c.f64(*v));
            }
            Block::BulletList(BulletList { items }) => {
                self.uint(2);
                self.items(items);
            }
            Block::KeyValue(KeyValue { items }) => {
                self.uint(3);
                self.len(items.len());
                for KeyValueItem { key, value } in items {
                    self.str(key);
                    self.cell(value);
                }
            }
            Block::Table(t) => {
                self.uint(4);
                self.table(t);
            }
            Block::NumberedList(NumberedList { items, start }) => {
                self.uint(5);
                self.items(items);
                self.uint(u64::from(*start));
            }
            Block::PageBreak(Marker {}) => self.uint(6),
            Block::Rule(Marker {}) => self.uint(7),
            Block::Spacer(Spacer { height }) => {
                self.uint(8);
                self.f64(*height);
            }
            Block::Documents(Documents { items }) => {
                self.uint(9);
                self.len(items.len());
                for item in items {
                    self.document(item);
                }
            }
            Block::Image(ImageBlock { data, width, caption, align }) => {
                self.uint(10);
                self.attachment(data);
                self.option(width.as_ref(), |c, w| c.width(*w));
                self.opt_str(caption.as_deref());
                self.option(align.as_ref(), |c, a| c.align(*a));
            }
        }
    }

    fn text(&mut self, t: &Text) {
        match t {
            Text::Plain(s) => {
                self.uint(0);
                self.str(s);
            }
            Text::Runs(runs) => {
                self.uint(1);
                self.len(runs.len());
                for run in runs {
                    self.run(run);
                }
            }
        }
    }

    fn run(&mut self, r: &Run) {
        let Run { text, bold, italic, mono, color, link } = r;
        self.str(text);
        self.bool(*bold);
        self.bool(*italic);
        self.bool(*mono);
        self.option(color.as_ref(), |c, &Color { r, g, b }| c.bytes(&[r, g, b]));
        self.opt_str(link.as_deref());
    }

    fn items(&mut self, items: &[ListItem]) {
        self.len(items.len());
        for ListItem { text, items } in items {
            self.text(text);
            self.items(items);
        }
    }

    fn table(&mut self, t: &Table) {
        let Table { columns, rows, totals, zebra } = t;
        self.len(columns.len());
        for column in columns {
            self.column(column);
        }
        self.len(rows.len());
        for row in rows {
            self.cells(row);
        }
        self.option(totals.as_ref(), |c, row| c.cells(row));
        self.bool(*zebra);
    }

    fn column(&mut self, c: &Column) {
        let Column { header, align, width } = c;
        self.str(header);
        self.option(align.as_ref(), |e, a| e.align(*a));
        self.option(width.as_ref(), |e, w| e.width(*w));
    }

    fn cells(&mut self, row: &[Cell]) {
        self.len(row.len());
        for cell in row {
            self.cell(cell);
        }
    }

    fn cell(&mut self, cell: &Cell) {
        match cell {
            Cell::Text(s) | Cell::Number(s) => {
                self.uint(if cell.is_number() { 1 } else { 0 });
                self.str(s);
            }
            Cell::Bool(b) => {
                self.uint(2);
                self.bool(*b);
            }
            Cell::Empty => self.uint(3),
        }
    }

    fn document(&mut self, d: &DocumentItem) {
        let DocumentItem { name, media_type, size, sha256, description, data } = d;
        self.str(name);
        self.opt_str(media_type.as_deref());
        self.option(size.as_ref(), |c, n| c.uint(*n));
        self.opt_str(sha256.as_deref());
        self.opt_str(description.as_deref());
        self.option(data.as_ref(), |c, a| c.attachment(a));
    }

    fn width(&mut self, w: ColumnWidth) {
        let (index, v) = match w {
            ColumnWidth::Points(v) => (0, v),
            ColumnWidth::Percent(v) => (1, v),
        };
        self.uint(index);
        self.f64(v);
    }

    fn align(&mut self, a: Align) {
        self.uint(a as u64);
    }

    fn text_align(&mut self, a: TextAlign) {
        self.uint(a as u64);
    }
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::Canonical;

    fn encoded(write: impl FnOnce(&mut Canonical)) -> Vec<u8> {
        // Hash the encoding, and compare with the hash of the expected bytes.
        let mut c = Canonical::new(Sha256::new());
        write(&mut c);
        c.finish().finalize().to_vec()
    }

    #[test]
    fn unsigned_integers_are_leb128() {
        for (v, bytes) in [
            (0u64, vec![0x00]),
            (127, vec![0x7f]),
            (128, vec![0x80, 0x01]),
            (624_485, vec![0xe5, 0x8e, 0x26]),
            (u64::MAX, vec![0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
        ] {
            assert_eq!(encoded(|c| c.uint(v)), Sha256::digest(&bytes).to_vec(), "{v}");
        }
    }

    #[test]
    fn long_input_crosses_the_buffer_in_order() {
        let long = "x".repeat(super::BUFFER * 2 + 5);
        assert_eq!(long.len(), 16_389); // LEB128: 0x85 0x80 0x01
        let mut expected = vec![2, b'a', b'b', 0x85, 0x80, 0x01];
        expected.extend(long.as_bytes());
        expected.extend([2, b'c', b'd']);
        let got = encoded(|c| {
            c.str("ab");
            c.str(&long);
            c.str("cd");
        });
        assert_eq!(got, Sha256::digest(&expected).to_vec());
    }
}
