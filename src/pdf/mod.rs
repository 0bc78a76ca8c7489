//! PDF assembly with pdf-writer: from a [`Layout`] to the bytes of a PDF file.
//!
//! Object layout: 1 catalog, 2 page tree (holding the font resources every page
//! inherits), 3 info dictionary, 4 XMP metadata, then one object per font used (Type 1
//! standard fonts with WinAnsiEncoding, no embedded bytes), a page object and its
//! content stream for every page, the outline (bookmarks from the headings), the
//! attached documents, and last the cross-reference stream. Content streams and the
//! cross-reference stream are Flate-compressed at the level the options give. The output depends only on its inputs: no clock, no randomness; the file
//! identifier (`/ID`, PDF 32000-1:2008, 14.4) is the first 16 bytes of the cache key,
//! so identical snapshots give byte-identical files.

mod attachments;
mod content;
#[cfg(feature = "media")]
mod drawings;
mod fonts;
mod images;
mod info;
mod links;
mod ops;
mod outline;
mod panels;

use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Settings, XRefFilter};

use crate::document::Snapshot;
use crate::fonts::FontBook;
use crate::image::Image;
use crate::key::CacheKey;
use crate::layout::{FaceRef, Font, Layout};
pub use info::PRODUCER;

/// Flate compression level for content streams, 0 (store) to 10 (smallest, slowest).
///
/// The default, 1, was picked by measuring (BENCHMARKS.md): as WebAssembly it renders the
/// 8-page benchmark report in 1.5 ms instead of 2.5 ms at level 3, for 8 % more bytes
/// (16.1 kB, still half of any JavaScript peer's output); level 6 saves another 11 %
/// of bytes at twice the time of level 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
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
        Compression(1)
    }
}

/// Hands out object numbers in order.
struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// What a PDF is written from besides its layout: the decoded image blocks of the
/// snapshot, in order, and the supplied fonts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Resources<'r> {
    /// The decoded image blocks, in order.
    pub images: &'r [Image<'r>],
    /// The parsed SVG blocks, in order.
    pub drawings: &'r [crate::svg::Drawing],
    /// The supplied fonts, if the layout uses any.
    pub fonts: Option<&'r FontBook<'r>>,
}

/// Writes `layout` as a complete PDF file.
///
/// # Errors
/// [`crate::Error::Options`] at `fonts[i]` for a supplied font with CFF outlines that
/// the subsetter cannot read: unlike a TrueType font, it cannot be embedded whole in
/// its place (see `fonts.rs`).
pub fn write(
    snapshot: &Snapshot,
    layout: &Layout,
    resources: Resources,
    key: &CacheKey,
    compression: Compression,
) -> Result<Vec<u8>, crate::Error> {
    // Compact serialization: no indentation or line breaks inside objects (pdf-writer's
    // default is "pretty"), which makes a one-page file about a tenth smaller.
    let mut pdf = Pdf::with_settings(Settings { pretty: false });
    let mut refs = Refs(0);
    let catalog_id = refs.next();
    let tree_id = refs.next();
    let info_id = refs.next();
    let xmp_id = refs.next();
    info::write_info(&mut pdf, info_id, snapshot);
    info::write_xmp(&mut pdf, xmp_id, snapshot, key);

    let standard: Vec<(Font, Ref)> = used_fonts(layout).into_iter().map(|f| (f, refs.next())).collect();
    for &(font, id) in &standard {
        pdf.type1_font(id).base_font(Name(font.base_font().as_bytes())).encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    let embedded = resources.fonts.map(|book| fonts::collect(layout, book)).unwrap_or_default();
    let mut fonts: Vec<(String, Ref)> = standard.iter().map(|&(f, id)| (f.resource_name().to_owned(), id)).collect();
    if let Some(book) = resources.fonts {
        for (face, id) in embedded.write(&mut pdf, &mut refs, book, compression)? {
            fonts.push((fonts::Embedded::resource_name(face), id));
        }
    }
    let page_ids: Vec<Ref> = layout.pages.iter().map(|_| refs.next()).collect();
    let watermark = layout.watermark.as_ref().map(|w| {
        let id = refs.next();
        pdf.ext_graphics(id).non_stroking_alpha(w.opacity);
        id
    });
    let shared = Shared { fonts: &fonts, watermark };
    write_page_tree(&mut pdf, tree_id, &page_ids, &shared);
    let image_ids = images::write(&mut pdf, &mut refs, resources.images, compression);
    #[cfg(feature = "media")]
    let drawing_ids = drawings::write(&mut pdf, &mut refs, resources.drawings, compression);
    #[cfg(not(feature = "media"))]
    let drawing_ids: Vec<Ref> = Vec::new(); // validation refuses SVG blocks in this build
    let media_box = Rect::new(0.0, 0.0, layout.width, layout.height);
    for (index, (page, &page_id)) in layout.pages.iter().zip(&page_ids).enumerate() {
        let content_id = refs.next();
        let annotations = links::write(&mut pdf, &mut refs, layout, page, &page_ids);
        let mut writer = pdf.page(page_id);
        writer.media_box(media_box).parent(tree_id).contents(content_id);
        if !annotations.is_empty() {
            writer.annotations(annotations);
        }
        if !page.images.is_empty() || !page.drawings.is_empty() {
            // A page's own resources replace the inherited ones: repeat the shared ones.
            let mut resources = writer.resources();
            shared.write(&mut resources);
            let mut x_objects = resources.x_objects();
            for placed in &page.images {
                if let Some(&id) = image_ids.get(placed.index) {
                    x_objects.pair(Name(images::resource_name(placed.index).as_bytes()), id);
                }
            }
            for placed in &page.drawings {
                if let Some(&id) = drawing_ids.get(placed.index) {
                    x_objects.pair(Name(drawing_name(placed.index).as_bytes()), id);
                }
            }
        }
        writer.finish();
        let raw = content::page_content(layout, (page, index == 0), &embedded);
        write_stream(&mut pdf, content_id, &raw, compression);
    }

    let outline_id = outline::write(&mut pdf, &mut refs, layout, &page_ids);
    let files = attachments::write(&mut pdf, &mut refs, snapshot, compression);

    let mut catalog = pdf.catalog(catalog_id);
    catalog.pages(tree_id).metadata(xmp_id);
    if let Some(lang) = &snapshot.lang {
        // The natural language of the document's text (14.9.2.1), for screen readers.
        catalog.lang(pdf_writer::TextStr(lang));
    }
    if let Some(id) = outline_id {
        catalog.outlines(id).page_mode(pdf_writer::types::PageMode::UseOutlines);
    } else if !files.is_empty() {
        catalog.page_mode(pdf_writer::types::PageMode::UseAttachments);
    }
    attachments::name_tree(&mut catalog, &files);
    catalog.finish();

    let id = key.as_bytes()[..16].to_vec();
    pdf.set_file_id((id.clone(), id));
    Ok(finish(pdf, refs.next(), compression))
}

/// The resource name of SVG drawing `index`: `Sv0`, `Sv1`, ….
fn drawing_name(index: usize) -> String {
    format!("Sv{index}")
}

/// Ends the file with a cross-reference stream (PDF 32000-1:2008, 7.5.8; PDF 1.5)
/// instead of a table: Flate-compressed like the content, it takes a few bytes per
/// object instead of 20 (2 to 3 % of each benchmark file, BENCHMARKS.md).
fn finish(pdf: Pdf, xref_id: Ref, compression: Compression) -> Vec<u8> {
    if compression.level() == 0 {
        return pdf.finish_with_xref_stream(xref_id);
    }
    pdf.finish_with_xref_stream_and_filter(xref_id, |raw| {
        (miniz_oxide::deflate::compress_to_vec_zlib(raw, compression.level()), XRefFilter::Single(Filter::FlateDecode))
    })
}

/// The standard fonts some text item of `layout` uses, in resource order.
fn used_fonts(layout: &Layout) -> Vec<Font> {
    let mut used = [false; Font::ALL.len()];
    for item in layout.text_items() {
        if let FaceRef::Standard(f) = item.font {
            used[f as usize] = true;
        }
    }
    Font::ALL.into_iter().filter(|&f| used[f as usize]).collect()
}

/// The resources every page uses: the fonts, and the watermark's graphics state.
struct Shared<'s> {
    fonts: &'s [(String, Ref)],
    watermark: Option<Ref>,
}

impl Shared<'_> {
    fn write(&self, resources: &mut pdf_writer::writers::Resources) {
        let mut dict = resources.fonts();
        for (name, font_id) in self.fonts {
            dict.pair(Name(name.as_bytes()), *font_id);
        }
        dict.finish();
        if let Some(id) = self.watermark {
            resources.ext_g_states().pair(Name(content::WATERMARK_STATE.as_bytes()), id);
        }
    }
}

/// The page tree, with the resources every page inherits (PDF 32000-1:2008, 7.7.3.4),
/// so they are written once rather than once per page.
fn write_page_tree(pdf: &mut Pdf, id: Ref, page_ids: &[Ref], shared: &Shared) {
    let mut tree = pdf.pages(id);
    tree.kids(page_ids.iter().copied()).count(page_ids.len() as i32);
    shared.write(&mut tree.resources());
}

/// Writes a stream, Flate-compressed at `compression` unless that is level 0 or does
/// not make it smaller.
fn write_stream(pdf: &mut Pdf, id: Ref, raw: &[u8], compression: Compression) {
    match deflated(raw, compression) {
        Some(packed) => {
            pdf.stream(id, &packed).filter(Filter::FlateDecode);
        }
        None => {
            pdf.stream(id, raw);
        }
    }
}

/// `raw` Flate-compressed (zlib format, RFC 1950) at `compression`, or `None` at level
/// 0 or when compression would not make it smaller.
fn deflated(raw: &[u8], compression: Compression) -> Option<Vec<u8>> {
    if compression.level() == 0 {
        return None;
    }
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(raw, compression.level());
    (packed.len() < raw.len()).then_some(packed)
}
