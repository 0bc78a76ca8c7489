//! PDF assembly with pdf-writer: from a [`Layout`] to the bytes of a PDF file.
//!
//! Object layout: 1 catalog, 2 page tree, 3 info dictionary, then one object per font
//! (Type 1 standard fonts with WinAnsiEncoding, no embedded bytes), then a page object
//! and its content stream for every page. Content streams are Flate-compressed at the
//! level the options give. The output depends only on its inputs: no clock, no
//! randomness; the file identifier (`/ID`, PDF 32000-1:2008, 14.4) is the first 16
//! bytes of the cache key, so identical snapshots give byte-identical files.

mod content;
mod info;

use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref};

use crate::document::Snapshot;
use crate::key::CacheKey;
use crate::layout::{Font, Layout};
pub use info::PRODUCER;

/// Flate compression level for content streams, 0 (store) to 10 (smallest, slowest).
///
/// The default, 3, was picked by measuring (BENCHMARKS.md): on the 5,000-row report the
/// PDF stage takes 35 % less time than at zlib's default level 6 for 6 % more bytes;
/// level 1 saves another 2 ms for 13 % more bytes again, level 9 is 0.2 % smaller than
/// level 6 and 13 % slower.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "u8")]
pub struct Compression(u8);

impl TryFrom<u8> for Compression {
    type Error = String;
    fn try_from(level: u8) -> Result<Self, String> {
        Compression::new(level).ok_or_else(|| format!("{level} is not a compression level (0 to {})", Compression::MAX))
    }
}

impl Compression {
    /// The highest level miniz_oxide accepts.
    pub const MAX: u8 = 10;

    /// A level from 0 to [`Compression::MAX`], or `None` if out of range.
    pub fn new(level: u8) -> Option<Self> {
        (level <= Self::MAX).then_some(Compression(level))
    }

    /// The level.
    pub fn level(self) -> u8 {
        self.0
    }
}

impl Default for Compression {
    fn default() -> Self {
        Compression(3)
    }
}

/// Writes `layout` as a complete PDF file.
pub fn write(snapshot: &Snapshot, layout: &Layout, key: &CacheKey, compression: Compression) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog_id = Ref::new(1);
    let tree_id = Ref::new(2);
    let info_id = Ref::new(3);
    let font_ids: Vec<Ref> = (0..Font::ALL.len() as i32).map(|i| Ref::new(4 + i)).collect();
    let first_page = 4 + Font::ALL.len() as i32;
    let page_ids: Vec<Ref> = (0..layout.pages.len() as i32).map(|i| Ref::new(first_page + 2 * i)).collect();

    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id).kids(page_ids.iter().copied()).count(page_ids.len() as i32);
    info::write_info(&mut pdf, info_id, snapshot);
    for (font, &id) in Font::ALL.iter().zip(&font_ids) {
        pdf.type1_font(id).base_font(Name(font.base_font().as_bytes())).encoding_predefined(Name(b"WinAnsiEncoding"));
    }

    let media_box = Rect::new(0.0, 0.0, layout.width, layout.height);
    for (page, &page_id) in layout.pages.iter().zip(&page_ids) {
        let content_id = Ref::new(page_id.get() + 1);
        let mut writer = pdf.page(page_id);
        writer.media_box(media_box).parent(tree_id).contents(content_id);
        let mut resources = writer.resources();
        let mut fonts = resources.fonts();
        for (font, &id) in Font::ALL.iter().zip(&font_ids) {
            fonts.pair(Name(font.resource_name().as_bytes()), id);
        }
        fonts.finish();
        resources.finish();
        writer.finish();

        let raw = content::page_content(layout, page);
        if compression.level() == 0 {
            pdf.stream(content_id, &raw);
        } else {
            let packed = miniz_oxide::deflate::compress_to_vec_zlib(&raw, compression.level());
            pdf.stream(content_id, &packed).filter(Filter::FlateDecode);
        }
    }

    let id = key.as_bytes()[..16].to_vec();
    pdf.set_file_id((id.clone(), id));
    pdf.finish()
}
