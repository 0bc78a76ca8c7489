//! Rules a parsed snapshot must follow before it is laid out.
//!
//! Validation runs before any layout so that nothing later can panic or loop on bad
//! input; every failure names the JSON path of the value at fault.

use super::date::DateTime;
use super::model::{Block, Cell, ColumnWidth, DocumentItem, ImageBlock, ListItem, Snapshot, Text};
use super::template;
use super::{Error, Path, Unencodable};
use crate::fonts::{FaceId, FontBook};
use crate::layout::faces::{STANDARD_FAMILIES, standard_family};
use crate::layout::winansi;

/// Size limits a snapshot must stay within. The defaults fit any real report and stop
/// a hostile one from using unbounded time or memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most blocks in a snapshot. Default 10,000.
    pub max_blocks: usize,
    /// Most rows in one table or key/value block, or items in one list. Default 1,000,000.
    pub max_rows: usize,
    /// Most columns in one table. Default 100.
    pub max_columns: usize,
    /// Most bytes (UTF-8) in one string. Default 1 MiB.
    pub max_text_bytes: usize,
    /// Most table cells, key/value rows and list items in all, which bounds the
    /// layout's memory (about 40 bytes a line of text). Default 2,000,000.
    pub max_cells: usize,
    /// Most bytes of snapshot JSON. Default 64 MiB.
    pub max_input_bytes: usize,
    /// Deepest nesting of lists (a list in a list item is level 2). Default 8.
    pub max_list_depth: usize,
    /// Most bytes of one image file. Default 16 MiB.
    pub max_image_bytes: usize,
    /// Most pixels in one image (width x height). Default 40,000,000, which bounds the
    /// memory a decoded PNG takes to 160 MB.
    pub max_image_pixels: u64,
    /// Most bytes of the header and footer of one page once their placeholders are
    /// filled in (all six slots together; `{title}` counts the title's bytes each time
    /// it appears). Default 2,000. Every page repeats them, so this bounds their cost to
    /// `max_pages` times as much, and is checked before layout.
    pub max_band_bytes: usize,
    /// Most pages in the PDF. Default 20,000. Pages are known only once laid out, so this
    /// is checked after layout and before PDF assembly (see [`crate::render_with`]).
    pub max_pages: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_blocks: 10_000,
            max_rows: 1_000_000,
            max_columns: 100,
            max_text_bytes: 1 << 20,
            max_cells: 2_000_000,
            max_input_bytes: 64 << 20,
            max_list_depth: 8,
            max_image_bytes: 16 << 20,
            max_image_pixels: 40_000_000,
            max_band_bytes: 2_000,
            max_pages: 20_000,
        }
    }
}

/// Refuses a layout of more than `limits.max_pages` pages, before the PDF is assembled.
///
/// # Errors
/// [`Error::Limit`] at the root.
pub fn check_pages(pages: usize, limits: &Limits) -> Result<(), Error> {
    if pages > limits.max_pages {
        return Err(over(Path::root(), "pages", pages, limits.max_pages));
    }
    Ok(())
}

/// Refuses JSON text larger than `limits.max_input_bytes`, before parsing it.
///
/// # Errors
/// [`Error::Limit`] at the root.
pub fn check_input_size(json: &str, limits: &Limits) -> Result<(), Error> {
    if json.len() > limits.max_input_bytes {
        return Err(Error::Limit {
            path: Path::root().to_string(),
            message: format!("{} bytes of JSON, more than the limit of {}", json.len(), limits.max_input_bytes),
        });
    }
    Ok(())
}

/// Tallest spacer, in points.
const MAX_SPACER: f64 = 1000.0;
/// Smallest page side and content box side, in points (1 inch).
const MIN_SIDE: f64 = 72.0;
/// Largest page side in points: 200 inches, the PDF 1.7 implementation limit
/// (PDF 32000-1:2008, Annex C.2).
const MAX_SIDE: f64 = 14_400.0;

/// Checks `snapshot` against the rules and `limits`; the fonts it names must be in
/// `fonts` (an empty book for the standard fonts).
///
/// # Errors
/// [`Error::Invalid`] for the first broken rule, [`Error::Limit`] for the first limit
/// exceeded, or [`Error::Unencodable`] (standard fonts) or [`Error::Missing`]
/// (supplied fonts) listing every character the fonts cannot print, each with its
/// path. In a build without the `media` feature, once everything else holds,
/// [`Error::Unavailable`] for the first image or for text set in supplied fonts.
pub fn validate(snapshot: &Snapshot, limits: &Limits, fonts: &FontBook) -> Result<(), Error> {
    let chain = check(snapshot, limits, fonts)?;
    require_media(snapshot, &chain)
}

/// Checks every rule this build can check: as [`validate`], except that a build without
/// the `media` feature leaves images' headers and supplied fonts' glyph coverage to a
/// build that has it, instead of refusing them. Enough for a cache key: the base module
/// keys a snapshot with images on a browser's main thread, and the media module, which
/// renders it, checks the rest.
///
/// # Errors
/// As [`validate`], without [`Error::Unavailable`].
pub fn validate_available(snapshot: &Snapshot, limits: &Limits, fonts: &FontBook) -> Result<(), Error> {
    check(snapshot, limits, fonts).map(drop)
}

/// In a build without the `media` feature, refuses a snapshot that needs it: one with
/// an image (at its `data`) or with text set in supplied fonts (at `font`).
fn require_media(snapshot: &Snapshot, chain: &[FaceId]) -> Result<(), Error> {
    if crate::MEDIA {
        return Ok(());
    }
    if let Some(i) = snapshot.blocks.iter().position(|b| matches!(b, Block::Image(_))) {
        let path = Path::root().key("blocks").index(i).key("data");
        return Err(Error::Unavailable { path: path.to_string(), what: "images" });
    }
    if !chain.is_empty() {
        return Err(Error::Unavailable { path: Path::root().key("font").to_string(), what: "supplied fonts" });
    }
    Ok(())
}

/// The checks of [`validate_available`]; returns the faces the snapshot's text may be
/// set in (empty for the standard fonts).
fn check(snapshot: &Snapshot, limits: &Limits, fonts: &FontBook) -> Result<Vec<FaceId>, Error> {
    let root = Path::root();
    if snapshot.title.trim().is_empty() {
        return Err(Error::invalid(root.key("title"), "must not be empty"));
    }
    check_page(snapshot, &root.key("page"))?;
    check_bands(snapshot, limits, &root.key("page"))?;
    if let Some(date) = &snapshot.metadata.creation_date
        && DateTime::parse(date).is_none()
    {
        return Err(Error::invalid(
            root.key("metadata").key("creationDate"),
            format!("`{date}` is not an ISO 8601 date such as 2024-05-01 or 2024-05-01T09:30:00Z"),
        ));
    }
    if snapshot.blocks.len() > limits.max_blocks {
        return Err(over(root.key("blocks"), "blocks", snapshot.blocks.len(), limits.max_blocks));
    }
    let mut cells = 0usize;
    for (i, block) in snapshot.blocks.iter().enumerate() {
        check_block(block, &root.key("blocks").index(i), limits, &snapshot.page)?;
        cells += match block {
            Block::Table(t) => t.rows.len() * t.columns.len(),
            Block::KeyValue(kv) => kv.items.len(),
            Block::BulletList(l) => count_items(&l.items),
            Block::NumberedList(l) => count_items(&l.items),
            Block::Documents(d) => d.items.len(),
            _ => 0,
        };
        if cells > limits.max_cells {
            return Err(over(root.key("blocks").index(i), "cells, rows and items in all", cells, limits.max_cells));
        }
    }
    check_links(snapshot)?;
    let chain = check_fonts(snapshot, fonts)?;
    let printable = |c: char| chain.iter().any(|&id| fonts.face(id).has(c));
    // Without the `media` feature no face is parsed: coverage is the media build's to check.
    let unknown = |_: char| true;
    let mut text = TextCheck {
        limits,
        bad: Vec::new(),
        printable: match (chain.is_empty(), crate::MEDIA) {
            (true, _) => &winansi::is_printable,
            (false, true) => &printable,
            (false, false) => &unknown,
        },
        standard: chain.is_empty(),
    };
    text.snapshot(snapshot)?;
    match (text.bad.is_empty(), chain.is_empty()) {
        (true, _) => Ok(chain),
        (false, true) => Err(Error::Unencodable(text.bad)),
        (false, false) => {
            let names: Vec<&str> = chain.iter().map(|&id| fonts.name(id)).collect();
            Err(Error::Missing { fonts: names.join(", "), chars: text.bad })
        }
    }
}

/// Checks that the fonts the snapshot names were supplied, and returns every face its
/// chains may set text in (empty for the standard fonts).
fn check_fonts(snapshot: &Snapshot, fonts: &FontBook) -> Result<Vec<FaceId>, Error> {
    if snapshot.font.is_empty() && !snapshot.mono_font.is_empty() {
        return Err(Error::invalid(
            Path::root().key("monoFont"),
            "needs `font`: set the rest of the text in a supplied font too",
        ));
    }
    if let Some(family) = standard_family(snapshot, fonts) {
        if !snapshot.mono_font.is_empty() {
            return Err(Error::invalid(
                Path::root().key("monoFont"),
                format!(
                    "text in the standard font {family} has its monospace parts in Courier; `monoFont` needs a supplied `font`"
                ),
            ));
        }
        return Ok(Vec::new());
    }
    let mut faces = Vec::new();
    for (field, names) in [("font", &snapshot.font), ("monoFont", &snapshot.mono_font)] {
        for (i, name) in names.iter().enumerate() {
            let path = || if names.len() == 1 { Path::root().key(field) } else { Path::root().key(field).index(i) };
            let Some(id) = fonts.find(name) else {
                let supplied: Vec<&str> = fonts.names().collect();
                let listed = if supplied.is_empty() { "none".to_owned() } else { supplied.join(", ") };
                let standard = if STANDARD_FAMILIES.contains(&name.as_ref()) {
                    "; a standard family (Helvetica, Times) must be the only name in `font`".to_owned()
                } else {
                    format!(", and it is not a standard family ({})", STANDARD_FAMILIES.join(", "))
                };
                return Err(Error::invalid(
                    path(),
                    format!("no font named `{name}` was supplied (supplied: {listed}){standard}"),
                ));
            };
            faces.push(id);
        }
    }
    Ok(faces)
}

/// Items of a list at every depth.
fn count_items(items: &[ListItem]) -> usize {
    items.iter().map(|i| 1 + count_items(&i.items)).sum()
}

/// The deepest nesting below `items` (1 for a flat list).
fn depth(items: &[ListItem]) -> usize {
    1 + items.iter().map(|i| if i.items.is_empty() { 0 } else { depth(&i.items) }).max().unwrap_or(0)
}

/// Tallest line height, as a multiple of the font size.
const LINE_HEIGHT: std::ops::RangeInclusive<f64> = 0.8..=4.0;

/// URL schemes a link may use: no `javascript:`, `file:` or `data:`, which a PDF reader
/// might run or open.
const SCHEMES: [&str; 3] = ["http:", "https:", "mailto:"];

/// Checks heading ids (non-empty, unique) and every link (an allowed scheme, or
/// `#id` naming a heading).
fn check_links(snapshot: &Snapshot) -> Result<(), Error> {
    let root = Path::root();
    let mut ids: Vec<&str> = Vec::new();
    for (i, block) in snapshot.blocks.iter().enumerate() {
        if let Block::Heading(h) = block
            && let Some(id) = &h.id
        {
            let path = || root.key("blocks").index(i).key("id");
            if id.is_empty() {
                return Err(Error::invalid(path(), "must not be empty"));
            }
            if ids.contains(&id.as_ref()) {
                return Err(Error::invalid(path(), format!("`{id}` is the id of an earlier heading; ids are unique")));
            }
            ids.push(id);
        }
    }
    let mut result = Ok(());
    for_each_text(snapshot, &mut |text, path| {
        let Text::Runs(runs) = text else { return };
        for (r, run) in runs.iter().enumerate() {
            let Some(link) = &run.link else { continue };
            let ok = match link.strip_prefix('#') {
                Some(id) => ids.contains(&id),
                None => SCHEMES.iter().any(|s| link.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s))),
            };
            if !ok && result.is_ok() {
                let message = match link.strip_prefix('#') {
                    Some(id) => format!("`{link}` names no heading; give a heading `\"id\": \"{id}\"`"),
                    None => format!("`{link}` is not an http:, https: or mailto: URL, nor #id of a heading"),
                };
                result = Err(Error::invalid(path().index(r).key("link"), message));
            }
        }
    });
    result
}

/// Calls `f` with every [`Text`] of the blocks and a function giving its path.
fn for_each_text(snapshot: &Snapshot, f: &mut dyn FnMut(&Text, &dyn Fn() -> Path)) {
    fn items(list: &[ListItem], path: &dyn Fn() -> Path, f: &mut dyn FnMut(&Text, &dyn Fn() -> Path)) {
        for (j, item) in list.iter().enumerate() {
            let item_path = || path().index(j);
            match &item.items[..] {
                [] => f(&item.text, &item_path),
                nested => {
                    f(&item.text, &|| item_path().key("text"));
                    items(nested, &|| item_path().key("items"), f);
                }
            }
        }
    }
    let root = Path::root();
    for (i, block) in snapshot.blocks.iter().enumerate() {
        let path = || root.key("blocks").index(i);
        match block {
            Block::Paragraph(p) => f(&p.text, &|| path().key("text")),
            Block::BulletList(l) => items(&l.items, &|| path().key("items"), f),
            Block::NumberedList(l) => items(&l.items, &|| path().key("items"), f),
            _ => {}
        }
    }
}

fn over(path: Path, what: &str, found: usize, limit: usize) -> Error {
    Error::Limit { path: path.to_string(), message: format!("{found} {what}, more than the limit of {limit}") }
}

fn check_page(snapshot: &Snapshot, path: &Path) -> Result<(), Error> {
    let p = &snapshot.page;
    for (name, side) in [("width", p.width), ("height", p.height)] {
        if !(MIN_SIDE..=MAX_SIDE).contains(&side) {
            return Err(Error::invalid(
                path.key("size").key(name),
                format!("{side} pt is outside {MIN_SIDE}..={MAX_SIDE} pt"),
            ));
        }
    }
    let m = &p.margins;
    for (name, v) in [("top", m.top), ("right", m.right), ("bottom", m.bottom), ("left", m.left)] {
        if !v.is_finite() || v < 0.0 {
            return Err(Error::invalid(
                path.key("margins").key(name),
                format!("{v} is not a margin (0 or more points)"),
            ));
        }
    }
    if p.width - m.left - m.right < MIN_SIDE || p.height - m.top - m.bottom < MIN_SIDE {
        return Err(Error::invalid(
            path.key("margins"),
            format!("the margins leave less than {MIN_SIDE} pt of a {} x {} pt page for content", p.width, p.height),
        ));
    }
    Ok(())
}

/// Checks the placeholders of the header and footer, and the bytes they fill in on a
/// page ([`Limits::max_band_bytes`]), before anything is expanded.
fn check_bands(snapshot: &Snapshot, limits: &Limits, page: &Path) -> Result<(), Error> {
    let mut filled = 0usize;
    for (band, band_name) in [(&snapshot.header, "header"), (&snapshot.footer, "footer")] {
        let path = page.key(band_name);
        for (name, text) in band.parts() {
            let Some(text) = text else { continue };
            template::check(text).map_err(|m| Error::invalid(path.key(name), m))?;
            filled = filled.saturating_add(template::filled_len(text, snapshot.title.len()));
        }
        if filled > limits.max_band_bytes {
            let what = "bytes of header and footer on every page once filled in";
            return Err(over(path, what, filled, limits.max_band_bytes));
        }
    }
    Ok(())
}

/// Checks an attached document: a name, a well-formed digest and media type, and a
/// stated size and digest that match the bytes where these are given.
fn check_document(item: &DocumentItem, path: &Path) -> Result<(), Error> {
    if item.name.trim().is_empty() {
        return Err(Error::invalid(path.key("name"), "must not be empty"));
    }
    if let Some(media) = &item.media_type
        && !is_media_type(media)
    {
        return Err(Error::invalid(
            path.key("mediaType"),
            format!("`{media}` is not a media type such as application/pdf (RFC 6838: type/subtype)"),
        ));
    }
    if let Some(digest) = &item.sha256
        && (digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return Err(Error::invalid(path.key("sha256"), "is not a SHA-256 digest (64 hexadecimal digits)"));
    }
    let Some(data) = &item.data else { return Ok(()) };
    if let Some(size) = item.size
        && size != data.bytes.len() as u64
    {
        return Err(Error::invalid(
            path.key("size"),
            format!("says {size} bytes, but `data` holds {} bytes", data.bytes.len()),
        ));
    }
    if let Some(digest) = &item.sha256
        && !digest.eq_ignore_ascii_case(&data.sha256_hex())
    {
        return Err(Error::invalid(
            path.key("sha256"),
            format!("does not match `data`, whose SHA-256 is {}", data.sha256_hex()),
        ));
    }
    Ok(())
}

/// `type/subtype` with RFC 6838 restricted-name characters, parameters allowed.
fn is_media_type(s: &str) -> bool {
    let essence = s.split(';').next().unwrap_or("").trim();
    let name = |p: &str| {
        !p.is_empty() && p.len() <= 127 && p.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    matches!(essence.split_once('/'), Some((t, sub)) if name(t) && name(sub))
}

fn check_block(block: &Block, path: &Path, limits: &Limits, page: &super::PageSetup) -> Result<(), Error> {
    match block {
        Block::Heading(h) if !(1..=3).contains(&h.level) => {
            Err(Error::invalid(path.key("level"), format!("{} is not a heading level (1 to 3)", h.level)))
        }
        Block::BulletList(l) => check_list(&l.items, &path.key("items"), limits),
        Block::NumberedList(l) => check_list(&l.items, &path.key("items"), limits),
        Block::Paragraph(p) => match p.line_height {
            Some(h) if !LINE_HEIGHT.contains(&h) => Err(Error::invalid(
                path.key("lineHeight"),
                format!(
                    "{h} is not a line height ({} to {} times the font size)",
                    LINE_HEIGHT.start(),
                    LINE_HEIGHT.end()
                ),
            )),
            _ => Ok(()),
        },
        Block::Spacer(sp) if !(0.0..=MAX_SPACER).contains(&sp.height) => Err(Error::invalid(
            path.key("height"),
            format!("{} is not a spacer height (0 to {MAX_SPACER} points)", sp.height),
        )),
        Block::Image(img) => {
            check_width(img.width, &path.key("width"))?;
            check_image(img, path, limits, page)
        }
        Block::Documents(d) => {
            if d.items.len() > limits.max_rows {
                return Err(over(path.key("items"), "items", d.items.len(), limits.max_rows));
            }
            d.items.iter().enumerate().try_for_each(|(j, item)| check_document(item, &path.key("items").index(j)))
        }
        Block::KeyValue(kv) if kv.items.len() > limits.max_rows => {
            Err(over(path.key("items"), "items", kv.items.len(), limits.max_rows))
        }
        Block::Table(t) => {
            if t.columns.is_empty() {
                return Err(Error::invalid(path.key("columns"), "a table needs at least one column"));
            }
            if t.columns.len() > limits.max_columns {
                return Err(over(path.key("columns"), "columns", t.columns.len(), limits.max_columns));
            }
            if t.rows.len() > limits.max_rows {
                return Err(over(path.key("rows"), "rows", t.rows.len(), limits.max_rows));
            }
            for (c, col) in t.columns.iter().enumerate() {
                check_width(col.width, &path.key("columns").index(c).key("width"))?;
            }
            if let Some(totals) = &t.totals
                && totals.len() != t.columns.len()
            {
                return Err(Error::invalid(
                    path.key("totals"),
                    format!("has {} cells, expected {} (one per column)", totals.len(), t.columns.len()),
                ));
            }
            match t.rows.iter().position(|r| r.len() != t.columns.len()) {
                Some(r) => Err(Error::invalid(
                    path.key("rows").index(r),
                    format!("has {} cells, expected {} (one per column)", t.rows[r].len(), t.columns.len()),
                )),
                None => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// The narrowest width in points a column or an image may be given.
const MIN_WIDTH: f64 = 1.0;
/// The narrowest width in percent of the content width.
const MIN_PERCENT: f64 = 0.1;

/// Checks a width: [`MIN_WIDTH`] to [`MAX_SIDE`] points, or [`MIN_PERCENT`] to 100
/// percent.
fn check_width(width: Option<ColumnWidth>, path: &Path) -> Result<(), Error> {
    let message = match width {
        Some(ColumnWidth::Points(w)) if !(MIN_WIDTH..=MAX_SIDE).contains(&w) => {
            format!("{w} is not a width (at least {MIN_WIDTH}, at most {MAX_SIDE} points)")
        }
        Some(ColumnWidth::Percent(p)) if !(MIN_PERCENT..=100.0).contains(&p) => {
            format!("{p}% is not a width (at least {MIN_PERCENT}%, at most 100%)")
        }
        _ => return Ok(()),
    };
    Err(Error::invalid(path.clone(), message))
}

/// Checks an image's size and headers (the data itself is decoded when rendering).
fn check_image(img: &ImageBlock, block: &Path, limits: &Limits, page: &super::PageSetup) -> Result<(), Error> {
    let (bytes, path) = (&img.data.bytes, &block.key("data"));
    if bytes.len() > limits.max_image_bytes {
        return Err(over(path.clone(), "bytes of image", bytes.len(), limits.max_image_bytes));
    }
    if !crate::MEDIA {
        return Ok(()); // the headers are the media build's to read (see `require_media`)
    }
    let info = crate::image::probe(bytes).map_err(|m| Error::invalid(path.clone(), m))?;
    let pixels = u64::from(info.width) * u64::from(info.height);
    if pixels == 0 {
        return Err(Error::invalid(path.clone(), "is an image without pixels"));
    }
    if pixels > limits.max_image_pixels {
        return Err(Error::Limit {
            path: path.to_string(),
            message: format!(
                "a {} x {} image has {pixels} pixels, more than the limit of {}",
                info.width, info.height, limits.max_image_pixels
            ),
        });
    }
    check_fits(&info, img, block, page)
}

/// Refuses an image that, fitted into the content box (the layout keeps it at least
/// half the content height, whatever its caption takes), would be less than
/// [`crate::image::MIN_SIDE`] wide or tall: a sliver nobody can see.
fn check_fits(info: &crate::image::Info, img: &ImageBlock, block: &Path, page: &super::PageSetup) -> Result<(), Error> {
    let m = &page.margins;
    let frame = ((page.width - m.left - m.right) as f32, (page.height - m.top - m.bottom) as f32 / 2.0);
    let dpi = crate::layout::style::DEFAULT_DPI;
    let (width, height) = crate::image::fit(info, img.width, dpi, frame);
    if width >= crate::image::MIN_SIDE && height >= crate::image::MIN_SIDE {
        return Ok(());
    }
    let (path, asked) = match img.width {
        Some(_) => (block.key("width"), "at the width asked, "),
        None => (block.key("data"), ""),
    };
    Err(Error::invalid(
        path,
        format!(
            "a {} x {} image {asked}fitted to the page would be {width:.3} x {height:.3} points; \
             an image must be at least {} point wide and tall (crop it, or give it another width)",
            info.width,
            info.height,
            crate::image::MIN_SIDE
        ),
    ))
}

/// Checks a list's length and nesting depth.
fn check_list(items: &[ListItem], path: &Path, limits: &Limits) -> Result<(), Error> {
    if items.len() > limits.max_rows {
        return Err(over(path.clone(), "items", items.len(), limits.max_rows));
    }
    if depth(items) > limits.max_list_depth {
        return Err(over(path.clone(), "levels of nested lists", depth(items), limits.max_list_depth));
    }
    Ok(())
}

/// Walks every string, collecting characters the standard fonts cannot print.
/// Paths are only built for strings that hold such a character.
struct TextCheck<'l> {
    limits: &'l Limits,
    bad: Vec<Unencodable>,
    /// Whether the fonts can print a character.
    printable: &'l dyn Fn(char) -> bool,
    /// Whether the fonts are the standard ones (every printable ASCII character prints).
    standard: bool,
}

impl TextCheck<'_> {
    fn snapshot(&mut self, s: &Snapshot) -> Result<(), Error> {
        let root = Path::root();
        self.text(&s.title, || root.key("title"))?;
        if let Some(sub) = &s.subtitle {
            self.text(sub, || root.key("subtitle"))?;
        }
        for (band, name) in [(&s.header, "header"), (&s.footer, "footer")] {
            for (part, text) in band.parts() {
                if let Some(text) = text {
                    self.text(text, || root.key("page").key(name).key(part))?;
                }
            }
        }
        for (i, block) in s.blocks.iter().enumerate() {
            let path = || root.key("blocks").index(i);
            match block {
                Block::Heading(h) => self.text(&h.text, || path().key("text"))?,
                Block::Paragraph(_) | Block::BulletList(_) | Block::NumberedList(_) => {}
                Block::PageBreak(_) | Block::Rule(_) | Block::Spacer(_) => {}
                Block::Image(img) => {
                    if let Some(caption) = &img.caption {
                        self.text(caption, || path().key("caption"))?;
                    }
                }
                Block::Documents(d) => {
                    for (j, item) in d.items.iter().enumerate() {
                        let item_path = || path().key("items").index(j);
                        self.text(&item.name, || item_path().key("name"))?;
                        if let Some(desc) = &item.description {
                            self.text(desc, || item_path().key("description"))?;
                        }
                        if let Some(media) = &item.media_type {
                            self.text(media, || item_path().key("mediaType"))?;
                        }
                    }
                }
                Block::KeyValue(kv) => {
                    for (j, item) in kv.items.iter().enumerate() {
                        self.text(&item.key, || path().key("items").index(j).key("key"))?;
                        self.cell(&item.value, || path().key("items").index(j).key("value"))?;
                    }
                }
                Block::Table(t) => {
                    for (c, col) in t.columns.iter().enumerate() {
                        self.text(&col.header, || path().key("columns").index(c))?;
                    }
                    for (r, row) in t.rows.iter().enumerate() {
                        for (c, cell) in row.iter().enumerate() {
                            self.cell(cell, || path().key("rows").index(r).index(c))?;
                        }
                    }
                    for (c, cell) in t.totals.iter().flatten().enumerate() {
                        self.cell(cell, || path().key("totals").index(c))?;
                    }
                }
            }
        }
        let mut result = Ok(());
        for_each_text(s, &mut |text, path| {
            if result.is_err() {
                return;
            }
            result = match text {
                Text::Plain(t) => self.text(t, path),
                Text::Runs(runs) => runs
                    .iter()
                    .enumerate()
                    .try_for_each(|(r, run)| self.text(&run.text, || path().index(r).key("text"))),
            };
        });
        result
    }

    fn cell(&mut self, cell: &Cell, path: impl Fn() -> Path) -> Result<(), Error> {
        match cell {
            Cell::Text(s) => self.text(s, path),
            _ => Ok(()),
        }
    }

    fn text(&mut self, s: &str, path: impl Fn() -> Path) -> Result<(), Error> {
        if s.len() > self.limits.max_text_bytes {
            return Err(Error::Limit {
                path: path().to_string(),
                message: format!("{} bytes of text, more than the limit of {}", s.len(), self.limits.max_text_bytes),
            });
        }
        // Fast path: the standard fonts print all of printable ASCII.
        if self.standard && s.bytes().all(|b| (0x20..0x7F).contains(&b) || b == b'\n') {
            return Ok(());
        }
        let mut seen = Vec::new();
        for c in s.chars().filter(|&c| !(self.printable)(c)) {
            if !seen.contains(&c) {
                seen.push(c);
                self.bad.push(Unencodable { ch: c, path: path().to_string() });
            }
        }
        Ok(())
    }
}
