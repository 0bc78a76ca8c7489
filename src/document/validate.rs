//! Rules a parsed snapshot must follow before it is laid out.
//!
//! Validation runs before any layout so that nothing later can panic or loop on bad
//! input; every failure names the JSON path of the value at fault.

use super::model::{Block, BoxBlock, DocumentItem, ImageBlock, ListItem, Snapshot, Table, TableCell};
use super::read::At;
use super::rules::{MIN_SIDE, is_link_url};
use super::shape::{Range, Role, Rules};
use super::template;
use super::values::NamedStyles;
use super::walk::{Visitor, Walk};
use super::{Error, Path, Unencodable};
use super::{nest, sides};
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
    /// Most values in one chart: points times series (rows times columns for a chart
    /// of `rows`). Default 100,000.
    pub max_chart_points: usize,
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
            max_chart_points: 100_000,
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
/// an image or a QR code (at its `data`) or with text set in supplied fonts (at `font`).
fn require_media(snapshot: &Snapshot, chain: &[FaceId]) -> Result<(), Error> {
    if crate::MEDIA {
        return Ok(());
    }
    nest::try_each(&snapshot.blocks, &At::Root, 1, &mut |block, at, _| {
        let (what, field) = match block {
            Block::Image(_) => ("images", "data"),
            Block::Qr(_) => ("QR codes", "data"),
            Block::Svg(_) => ("SVG drawings", "svg"),
            _ => return Ok(()),
        };
        Err(Error::Unavailable { path: at.path().key(field).to_string(), what })
    })?;
    if let Some((band, part, _)) = snapshot.page.logos().first() {
        let path = Path::root().key("page").key(band).key(part).key("image");
        return Err(Error::Unavailable { path: path.to_string(), what: "images" });
    }
    if !chain.is_empty() {
        return Err(Error::Unavailable { path: Path::root().key("font").to_string(), what: "supplied fonts" });
    }
    let hyphenates = snapshot.lang.as_deref().and_then(crate::layout::hyphenate::language).is_some();
    if hyphenates && justifies(snapshot) {
        let path = Path::root().key("lang").to_string();
        return Err(Error::Unavailable { path, what: "hyphenated justified paragraphs" });
    }
    Ok(())
}

/// Whether some text of the snapshot may be justified: a paragraph or heading (at any
/// depth), a theme role or a named style says `"align": "justify"`.
fn justifies(snapshot: &Snapshot) -> bool {
    let justify = |align: Option<super::TextAlign>| align == Some(super::TextAlign::Justify);
    super::nest::all(&snapshot.blocks).into_iter().any(|b| match b {
        Block::Paragraph(p) => justify(p.align),
        Block::Heading(h) => justify(h.align),
        _ => false,
    }) || snapshot.theme.roles().iter().any(|r| r.as_ref().is_some_and(|s| justify(s.align)))
        || snapshot.styles.0.iter().any(|(_, s)| justify(s.align))
}

/// The checks of [`validate_available`]; returns the faces the snapshot's text may be
/// set in (empty for the standard fonts).
fn check(snapshot: &Snapshot, limits: &Limits, fonts: &FontBook) -> Result<Vec<FaceId>, Error> {
    let root = Path::root();
    // Sizes first, so that nothing below works on more than the limits allow.
    if snapshot.blocks.len() > limits.max_blocks {
        return Err(over(root.key("blocks"), "blocks", snapshot.blocks.len(), limits.max_blocks));
    }
    let (mut cells, mut blocks) = (0usize, 0usize);
    nest::try_each(&snapshot.blocks, &At::Root, 1, &mut |block, at, depth| {
        blocks += 1;
        if blocks > limits.max_blocks {
            return Err(over(at.path(), "blocks, those in boxes included,", blocks, limits.max_blocks));
        }
        if depth > nest::MAX_DEPTH && matches!(block, Block::Box(_)) {
            let message = format!("is a box inside {} boxes; boxes nest at most {} deep", depth - 1, nest::MAX_DEPTH);
            return Err(Error::invalid(at.path(), message));
        }
        cells += check_size(block, &at.path(), limits)?;
        if cells > limits.max_cells {
            return Err(over(at.path(), "cells, rows and items in all", cells, limits.max_cells));
        }
        Ok(())
    })?;
    // Then the fonts, and in one walk every rule the model declares, field by field, and
    // the characters of the printed text.
    let chain = check_fonts(snapshot, fonts)?;
    let printable = |c: char| chain.iter().any(|&id| fonts.face(id).has(c));
    // Without the `media` feature no face is parsed: coverage is the media build's to check.
    let unknown = |_: char| true;
    let characters = Characters {
        bad: Vec::new(),
        printable: match (chain.is_empty(), crate::MEDIA) {
            (true, _) => &winansi::is_printable,
            (false, true) => &printable,
            (false, false) => &unknown,
        },
        standard: chain.is_empty(),
    };
    let styles = &snapshot.styles;
    let mut walk = RuleCheck { limits, error: None, anchors: Vec::new(), links: Vec::new(), characters, styles };
    snapshot.walk(&mut walk, &At::Root, &Rules::NONE);
    if let Some(e) = walk.error {
        return Err(e);
    }
    // Then the rules across fields, and last the characters the fonts lack.
    for page in snapshot.page.setups() {
        check_page(&page, &root.key("page"))?;
    }
    check_bands(snapshot, limits, &root.key("page"))?;
    let page = snapshot.page.setup();
    nest::try_each(&snapshot.blocks, &At::Root, 1, &mut |block, at, _| {
        let path = at.path();
        check_block(block, &path, limits, &page)?;
        // With "auto" orientation an image must fit a turned page too.
        match (block, snapshot.page.turned()) {
            (Block::Image(img), Some(turned)) => check_image(img, &path, limits, &turned),
            _ => Ok(()),
        }
    })?;
    if crate::MEDIA {
        for (band, part, logo) in snapshot.page.logos() {
            check_pixels(&logo.image.bytes, &root.key("page").key(band).key(part).key("image"), limits)?;
        }
    }
    let content = page.width - page.margins.left - page.margins.right;
    check_box_widths(&snapshot.blocks, &At::Root, content)?;
    walk.check_links()?;
    let bad = walk.characters.bad;
    match (bad.is_empty(), chain.is_empty()) {
        (true, _) => Ok(chain),
        (false, true) => Err(Error::Unencodable(bad)),
        (false, false) => {
            let names: Vec<&str> = chain.iter().map(|&id| fonts.name(id)).collect();
            Err(Error::Missing { fonts: names.join(", "), chars: bad })
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
                let standard = if STANDARD_FAMILIES.iter().any(|f| f.eq_ignore_ascii_case(name)) {
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

/// The walk that checks the rules each field declares: ranges, rules on strings, the
/// size of printed text, heading ids and links (keeping the first error), and collects
/// the characters of printed text that the fonts cannot print.
struct RuleCheck<'l> {
    limits: &'l Limits,
    characters: Characters<'l>,
    error: Option<Error>,
    /// Heading ids, in order.
    anchors: Vec<String>,
    /// Links to `#id`, with their paths, resolved once every id is known.
    links: Vec<(String, Path)>,
    /// The named styles blocks and runs may take.
    styles: &'l NamedStyles<'l>,
}

impl RuleCheck<'_> {
    fn fail(&mut self, at: &At, message: String) {
        self.error.get_or_insert_with(|| Error::invalid(at.path(), message));
    }

    /// Refuses a style name that is not a key of `styles` (suggesting the nearest), and
    /// on a run, a style that gives what only a block takes.
    fn check_style(&mut self, name: &str, at: &At, run: bool) {
        let Some(style) = self.styles.get(name) else {
            let known: Vec<&str> = self.styles.names().collect();
            let listed = if known.is_empty() { "none are declared in `styles`".to_owned() } else { known.join(", ") };
            let hint = super::read::suggestion(name, &known);
            return self.fail(at, format!("no style is named `{name}` (styles: {listed}){hint}"));
        };
        if let Some(field) = style.block_fields().next().filter(|_| run) {
            let message = format!(
                "the style `{name}` gives `{field}`, which a run cannot take (a run takes `bold`, `italic` and `color`)"
            );
            self.fail(at, message);
        }
    }

    /// Refuses a link to `#id` that names no heading.
    fn check_links(&self) -> Result<(), Error> {
        match self.links.iter().find(|(id, _)| !self.anchors.contains(id)) {
            Some((id, path)) => Err(Error::invalid(
                path.clone(),
                format!("`#{id}` names no heading; give a heading `\"id\": \"{id}\"`"),
            )),
            None => Ok(()),
        }
    }
}

impl Visitor for RuleCheck<'_> {
    fn string(&mut self, s: &str, at: &At, rules: &'static Rules) {
        if self.error.is_some() {
            return;
        }
        if let Some(rule) = rules.rule
            && let Err(message) = (rule.check)(s)
        {
            return self.fail(at, message);
        }
        match rules.role {
            Role::Text if s.len() <= self.limits.max_text_bytes => self.characters.text(s, at),
            Role::Text => {
                let max = self.limits.max_text_bytes;
                self.error = Some(Error::Limit {
                    path: at.path().to_string(),
                    message: format!("{} bytes of text, more than the limit of {max}", s.len()),
                });
            }
            Role::Anchor if s.is_empty() => self.fail(at, "must not be empty".to_owned()),
            Role::Anchor if self.anchors.iter().any(|a| a == s) => {
                self.fail(at, format!("`{s}` is the id of an earlier heading; ids are unique"));
            }
            Role::Anchor => self.anchors.push(s.to_owned()),
            Role::Link => match s.strip_prefix('#') {
                Some(id) => self.links.push((id.to_owned(), at.path())),
                None if is_link_url(s) => {}
                None => self.fail(at, format!("`{s}` is not an http:, https: or mailto: URL, nor #id of a heading")),
            },
            Role::BlockStyle => self.check_style(s, at, false),
            Role::RunStyle => self.check_style(s, at, true),
            Role::Plain => {}
        }
    }

    fn number(&mut self, v: f64, at: &At, range: &'static Range) {
        if self.error.is_none()
            && let Err(message) = range.check(v)
        {
            self.fail(at, message);
        }
    }
}

/// Checks the ranges of a theme read outside a snapshot ([`super::parse_theme`]); a
/// theme holds no text, so there is nothing else to check.
pub(super) fn check_theme(theme: &super::Theme) -> Result<(), Error> {
    /// Keeps the first number out of its range.
    struct Ranges(Option<Error>);
    impl Visitor for Ranges {
        fn string(&mut self, _: &str, _: &At, _: &'static Rules) {}
        fn number(&mut self, v: f64, at: &At, range: &'static Range) {
            if let (None, Err(message)) = (&self.0, range.check(v)) {
                self.0 = Some(Error::invalid(at.path(), message));
            }
        }
    }
    let mut ranges = Ranges(None);
    theme.walk(&mut ranges, &At::Root.key("theme"), &Rules::NONE);
    ranges.0.map_or(Ok(()), Err)
}

fn over(path: Path, what: &str, found: usize, limit: usize) -> Error {
    Error::Limit { path: path.to_string(), message: format!("{found} {what}, more than the limit of {limit}") }
}

/// Checks that the margins leave a content box of at least [`MIN_SIDE`] each way (each
/// side and margin is in range: the walk checked them).
fn check_page(p: &super::PageSetup, path: &Path) -> Result<(), Error> {
    let m = &p.margins;
    if p.width - m.left - m.right < MIN_SIDE || p.height - m.top - m.bottom < MIN_SIDE {
        return Err(Error::invalid(
            path.key("margins"),
            format!(
                "the margins leave less than {MIN_SIDE} pt of a {} x {} pt page for content",
                (p.width * 10.0).round() / 10.0,
                (p.height * 10.0).round() / 10.0
            ),
        ));
    }
    Ok(())
}

/// Checks the bytes the header and footer fill in on a page ([`Limits::max_band_bytes`]),
/// before anything is expanded (their placeholders were checked by the walk).
fn check_bands(snapshot: &Snapshot, limits: &Limits, page: &Path) -> Result<(), Error> {
    let p = &snapshot.page;
    let first = [(p.first_header.as_ref(), "firstHeader"), (p.first_footer.as_ref(), "firstFooter")];
    let first = first.map(|(band, name)| band.map(|b| (b, name)));
    let pages = [
        [(&p.header, "header"), (&p.footer, "footer")],
        [first[0].unwrap_or((&p.header, "header")), first[1].unwrap_or((&p.footer, "footer"))],
    ];
    for bands in pages {
        let mut filled = 0usize;
        for (band, band_name) in bands {
            for text in band.parts().into_iter().filter_map(|(_, text)| text) {
                filled = filled.saturating_add(template::filled_len(text, snapshot.title.len()));
            }
            if filled > limits.max_band_bytes {
                let what = "bytes of header and footer on a page once filled in";
                return Err(over(page.key(band_name), what, filled, limits.max_band_bytes));
            }
        }
    }
    Ok(())
}

/// Checks that an attached document's stated size and digest match its bytes, where
/// both are given.
fn check_document(item: &DocumentItem, path: &Path) -> Result<(), Error> {
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

/// Checks a block's sizes against `limits`, and returns the cells, rows and items it
/// holds (which bound the layout's memory).
fn check_size(block: &Block, path: &Path, limits: &Limits) -> Result<usize, Error> {
    let rows = |n: usize, field: &str| {
        if n > limits.max_rows { Err(over(path.key(field), field, n, limits.max_rows)) } else { Ok(n) }
    };
    match block {
        Block::BulletList(l) => check_list(&l.items, &path.key("items"), limits),
        Block::NumberedList(l) => check_list(&l.items, &path.key("items"), limits),
        Block::Documents(d) => rows(d.items.len(), "items"),
        Block::KeyValue(kv) => rows(kv.items.len(), "items"),
        Block::Table(t) => {
            if t.columns.len() > limits.max_columns {
                return Err(over(path.key("columns"), "columns", t.columns.len(), limits.max_columns));
            }
            Ok((rows(t.rows.len(), "rows")? + rows(t.header.len(), "header")?) * t.columns.len())
        }
        Block::Chart(c) => {
            if c.series.len() > limits.max_columns {
                return Err(over(path.key("series"), "series", c.series.len(), limits.max_columns));
            }
            if c.columns.len() > limits.max_columns {
                return Err(over(path.key("columns"), "columns", c.columns.len(), limits.max_columns));
            }
            let points = super::chart::points(c);
            if points > limits.max_chart_points {
                let field = if c.rows.is_empty() { "series" } else { "rows" };
                return Err(over(path.key(field), "values in one chart", points, limits.max_chart_points));
            }
            Ok(points)
        }
        Block::Image(img) if img.data.bytes.len() > limits.max_image_bytes => {
            Err(over(path.key("data"), "bytes of image", img.data.bytes.len(), limits.max_image_bytes))
        }
        _ => Ok(0),
    }
}

/// Checks the rules across a block's fields: one cell per column, documents whose
/// stated size and digest match their bytes, images that can be read and seen.
fn check_block(block: &Block, path: &Path, limits: &Limits, page: &super::PageSetup) -> Result<(), Error> {
    match block {
        Block::Image(img) => check_image(img, path, limits, page),
        // The encoder is the media build's (see `require_media`).
        Block::Qr(q) if crate::MEDIA => {
            crate::qr::encode(&q.data, q.level).map(drop).map_err(|m| Error::invalid(path.key("data"), m))
        }
        Block::Svg(s) if crate::MEDIA => check_svg(s, path, page),
        Block::Chart(c) => super::chart::resolve(c, path).map(drop),
        Block::Documents(d) => {
            d.items.iter().enumerate().try_for_each(|(j, item)| check_document(item, &path.key("items").index(j)))
        }
        Block::Table(t) => check_table(t, path),
        _ => Ok(()),
    }
}

/// Checks that the padding and border of every box in `blocks` (the field `blocks` of
/// `at`), `width` points wide, leave at least [`MIN_SIDE`] for the blocks inside.
fn check_box_widths(blocks: &[Block], at: &At, width: f64) -> Result<(), Error> {
    let here = at.key("blocks");
    for (i, block) in blocks.iter().enumerate() {
        let Block::Box(b) = block else { continue };
        let at = here.index(i);
        let inner = width - box_insets(b);
        if inner < MIN_SIDE {
            let message = format!(
                "its padding and border leave {} pt of the {} pt it is given for the blocks inside; at least {MIN_SIDE} are needed",
                (inner.max(0.0) * 10.0).round() / 10.0,
                (width * 10.0).round() / 10.0
            );
            return Err(Error::invalid(at.path().key("padding"), message));
        }
        check_box_widths(&b.blocks, &at, inner)?;
    }
    Ok(())
}

/// The width in points a box's left and right padding and border take.
fn box_insets(b: &BoxBlock) -> f64 {
    let padding = sides(&b.padding, b.default_padding());
    let border = b.border.as_ref().map_or([0.0; 4], |border| sides(&border.width, 1.0));
    padding[1] + padding[3] + border[1] + border[3]
}

/// Checks that each section of a table (header rows, rows, totals) covers every column
/// of every row once, its spans inside the section (see [`super::grid::place`]).
fn check_table(t: &Table, path: &Path) -> Result<(), Error> {
    if t.columns.is_empty() {
        return Err(Error::invalid(path.key("columns"), "a table needs at least one column"));
    }
    let totals = t.totals.as_slice();
    let n = t.columns.len();
    let spanless = |cell: &TableCell| cell.styled().is_none_or(|s| s.col_span == 1 && s.row_span == 1);
    for (section, rows) in [("header", &t.header[..]), ("rows", &t.rows[..]), ("totals", totals)] {
        // Almost always: one cell per column, none spanning.
        if rows.iter().all(|row| row.len() == n && row.iter().all(spanless)) {
            continue;
        }
        let Some(e) = super::grid::place(rows, t.columns.len(), section, &mut drop) else { continue };
        // The totals are one row: its cells are `totals[i]`.
        let row = if section == "totals" { path.key(section) } else { path.key(section).index(e.row) };
        let at = match (e.cell, e.field) {
            (Some(i), Some(field)) => row.index(i).key(field),
            (Some(i), None) => row.index(i),
            _ => row,
        };
        return Err(Error::invalid(at, e.message));
    }
    Ok(())
}

/// Checks an image's headers: a PNG or JPEG of at most `max_image_pixels` that is
/// visible once fitted to the page (the data itself is decoded when rendering).
fn check_image(img: &ImageBlock, block: &Path, limits: &Limits, page: &super::PageSetup) -> Result<(), Error> {
    if !crate::MEDIA {
        return Ok(()); // the headers are the media build's to read (see `require_media`)
    }
    let info = check_pixels(&img.data.bytes, &block.key("data"), limits)?;
    check_fits(&info, img, block, page)
}

/// Checks the headers of image data at `path`: a PNG or JPEG of at most
/// `max_image_bytes` and `max_image_pixels`, with pixels; returns what they say.
fn check_pixels(bytes: &[u8], path: &Path, limits: &Limits) -> Result<crate::image::Info, Error> {
    if bytes.len() > limits.max_image_bytes {
        return Err(over(path.clone(), "bytes of image", bytes.len(), limits.max_image_bytes));
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
    Ok(info)
}

/// Refuses SVG markup that is not a drawing (with the line and column), is over a limit
/// of [`crate::svg`], or would be drawn as a sliver.
fn check_svg(s: &super::SvgBlock, block: &Path, page: &super::PageSetup) -> Result<(), Error> {
    let path = block.key("svg");
    let drawing = crate::svg::parse(&s.svg).map_err(|fault| fault.at(&path))?;
    let (w, h) = drawing.size();
    let (width, height) = crate::image::fit_natural(w, h / w, s.width, figure_frame(page));
    if width >= crate::image::MIN_SIDE && height >= crate::image::MIN_SIDE {
        return Ok(());
    }
    let path = if s.width.is_some() { block.key("width") } else { path };
    Err(Error::invalid(
        path,
        format!(
            "a drawing of {w:.3} x {h:.3} points fitted to the page would be {width:.3} x {height:.3} points; \
             a drawing must be at least {} point wide and tall",
            crate::image::MIN_SIDE
        ),
    ))
}

/// The box a figure must fit: the content width, and half the content height (the
/// layout keeps a figure at least that tall, whatever its caption takes).
fn figure_frame(page: &super::PageSetup) -> (f32, f32) {
    let m = &page.margins;
    ((page.width - m.left - m.right) as f32, (page.height - m.top - m.bottom) as f32 / 2.0)
}

/// Refuses an image that, fitted into the content box (the layout keeps it at least
/// half the content height, whatever its caption takes), would be less than
/// [`crate::image::MIN_SIDE`] wide or tall: a sliver nobody can see.
fn check_fits(info: &crate::image::Info, img: &ImageBlock, block: &Path, page: &super::PageSetup) -> Result<(), Error> {
    let dpi = crate::layout::style::DEFAULT_DPI;
    let (width, height) = crate::image::fit(info, img.width, dpi, figure_frame(page));
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

/// Checks a list's length and nesting depth, and returns its items at every depth.
fn check_list(items: &[ListItem], path: &Path, limits: &Limits) -> Result<usize, Error> {
    if items.len() > limits.max_rows {
        return Err(over(path.clone(), "items", items.len(), limits.max_rows));
    }
    if depth(items) > limits.max_list_depth {
        return Err(over(path.clone(), "levels of nested lists", depth(items), limits.max_list_depth));
    }
    Ok(count_items(items))
}

/// The characters of printed text that the fonts cannot print. Paths are only built for
/// strings that hold such a character.
struct Characters<'l> {
    bad: Vec<Unencodable>,
    /// Whether the fonts can print a character.
    printable: &'l dyn Fn(char) -> bool,
    /// Whether the fonts are the standard ones (every printable ASCII character prints).
    standard: bool,
}

impl Characters<'_> {
    /// Collects the characters of `s`, at `at`, that the fonts cannot print.
    fn text(&mut self, s: &str, at: &At) {
        // Fast path: the standard fonts print all of printable ASCII.
        if self.standard && s.bytes().all(|b| (0x20..0x7F).contains(&b) || b == b'\n') {
            return;
        }
        let mut seen = Vec::new();
        for c in s.chars().filter(|&c| !(self.printable)(c)) {
            if !seen.contains(&c) {
                seen.push(c);
                self.bad.push(Unencodable { ch: c, path: at.path().to_string() });
            }
        }
    }
}
