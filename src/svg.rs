//! SVG drawings: an `svg` block's markup, parsed by roxmltree, bounded, then normalised
//! by usvg (shapes to paths, CSS and `use` resolved, gradients in user space) into the
//! tree `pdf::drawings` writes as vector content.
//!
//! Nothing is fetched and nothing runs: `<image>` elements (embedded or linked) are left
//! out, `<use>` and paint references reach only into the same markup, `<script>` and
//! `<foreignObject>` are ignored. Each thing left out is a [`Drawing::warnings`] entry.
//! Text (`<text>`) is not drawn yet, and says so the same way: usvg turns text into
//! outlines only with its `text` feature (harfrust and skrifa, about 400 KiB of
//! WebAssembly, its Cargo.toml says), which the media module does not carry.
//!
//! In the base build (without the `media` feature) there is no parser: validation
//! refuses an `svg` block with `MEDIA_UNAVAILABLE` before anything here is reached.

use std::fmt;

use crate::document::At;

#[cfg(feature = "media")]
mod bounds;

/// Most bytes of markup in one drawing: 2 MiB (a 10 MB path took 6.5 s to draw).
pub const MAX_BYTES: usize = 2 << 20;

/// Fewest user units of dash and gap together that a stroke is drawn dashed with, for
/// each [`MAX_DASHES`]-th of its outline's size: finer patterns are drawn solid (a
/// pattern of 10^-30 units made poppler allocate without end).
pub const MAX_DASHES: f32 = 10_000.0;

/// Most XML nodes (elements, text, comments) in one drawing's markup, counted while
/// parsing (roxmltree's `nodes_limit`).
pub const MAX_NODES: u32 = 100_000;

/// Most elements once every `<use>` is expanded into a copy of what it points to: what
/// bounds usvg's tree and the drawing's content, since nested `<use>` elements can
/// multiply a small file (ten levels of ten copies are 10^10 elements).
pub const MAX_ELEMENTS: u64 = 50_000;

/// Deepest nesting of elements. usvg walks the tree recursively; 64 levels is far
/// beyond what drawing programs write.
pub const MAX_DEPTH: usize = 64;

/// Pixels per inch of the SVG user unit (CSS Values and Units Level 3, 5.2: 1px = 1/96 in).
pub const PX_PER_INCH: f32 = 96.0;

/// Why markup cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Not well-formed, or not a drawing: what is wrong, with the line and column.
    Invalid(String),
    /// Over [`MAX_NODES`], [`MAX_ELEMENTS`] or [`MAX_DEPTH`].
    Limit(String),
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Invalid(m) | Fault::Limit(m) => f.write_str(m),
        }
    }
}

impl Fault {
    /// The snapshot error for this fault at `path` (a block's `svg` field).
    pub fn at(self, path: &crate::document::Path) -> crate::document::Error {
        match self {
            Fault::Invalid(m) => crate::document::Error::invalid(path.clone(), m),
            Fault::Limit(message) => crate::document::Error::Limit { path: path.to_string(), message },
        }
    }
}

/// Parses the drawing of every `svg` block of a validated snapshot, in block order
/// (none in the base build, where validation refuses them).
///
/// # Errors
/// As [`parse`], at the block's `svg` field (validation has parsed them all once).
pub fn parse_all(snapshot: &crate::Snapshot) -> Result<Vec<Drawing>, crate::document::Error> {
    if !crate::MEDIA {
        return Ok(Vec::new());
    }
    let mut drawings = Vec::new();
    crate::document::nest::try_each(&snapshot.blocks, &At::Root, 1, &mut |block, at, _| {
        if let crate::document::Block::Svg(s) = block {
            drawings.push(parse(&s.svg).map_err(|fault| fault.at(&at.path().key("svg")))?);
        }
        Ok(())
    })?;
    Ok(drawings)
}

/// The warnings of `drawings` (from [`parse_all`]), at their blocks' `svg` fields.
pub fn warnings(snapshot: &crate::Snapshot, drawings: &[Drawing]) -> Vec<crate::document::Warning> {
    if drawings.is_empty() {
        return Vec::new();
    }
    let mut paths = Vec::new();
    let _ = crate::document::nest::try_each(&snapshot.blocks, &At::Root, 1, &mut |block, at, _| -> Result<(), ()> {
        if let crate::document::Block::Svg(_) = block {
            paths.push(at.path().key("svg").to_string());
        }
        Ok(())
    });
    paths
        .into_iter()
        .zip(drawings)
        .flat_map(|(path, d)| {
            d.warnings
                .iter()
                .map(move |message| crate::document::Warning { path: path.clone(), message: message.clone() })
        })
        .collect()
}

/// A parsed drawing.
#[derive(Debug)]
pub struct Drawing {
    /// usvg's normalised tree.
    #[cfg(feature = "media")]
    pub tree: usvg::Tree,
    /// What was left out of the drawing, one sentence each.
    pub warnings: Vec<String>,
}

impl Drawing {
    /// The drawing's size in points: its width and height in SVG user units (CSS pixels)
    /// at [`PX_PER_INCH`].
    pub fn size(&self) -> (f32, f32) {
        #[cfg(feature = "media")]
        {
            let size = self.tree.size();
            (size.width() * 72.0 / PX_PER_INCH, size.height() * 72.0 / PX_PER_INCH)
        }
        #[cfg(not(feature = "media"))]
        (0.0, 0.0)
    }
}

/// Parses `markup` within the limits above.
///
/// # Errors
/// [`Fault::Invalid`] for markup that is not well-formed XML (with the line and column
/// roxmltree reports) or has no size; [`Fault::Limit`] for markup over a limit.
#[cfg(feature = "media")]
pub fn parse(markup: &str) -> Result<Drawing, Fault> {
    if markup.len() > MAX_BYTES {
        return Err(Fault::Limit(format!("is {} bytes of markup, more than {MAX_BYTES}", markup.len())));
    }
    let options = roxmltree::ParsingOptions { allow_dtd: true, nodes_limit: MAX_NODES, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(markup, options).map_err(xml_fault)?;
    if doc.root_element().tag_name().name() != "svg" {
        let name = doc.root_element().tag_name().name();
        return Err(Fault::Invalid(format!("is not SVG: its root element is <{name}>, not <svg>")));
    }
    let warnings = scan(&doc)?;
    // Nothing is fetched or decoded: every image reference resolves to nothing.
    let options = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..Default::default()
    };
    let tree = usvg::Tree::from_xmltree(&doc, &options).map_err(|e| match e {
        usvg::Error::InvalidSize => Fault::Invalid(
            "has no size: give the <svg> element a width and a height, or a viewBox, above zero".to_owned(),
        ),
        usvg::Error::ElementsLimitReached | usvg::Error::ParsingFailed(roxmltree::Error::NodesLimitReached) => {
            Fault::Limit(format!(
                "has more elements than usvg takes once its <use> elements are resolved (a <use> cycle through other elements does that); at most {MAX_ELEMENTS}"
            ))
        }
        other => Fault::Invalid(format!("is not a drawing: {other}")),
    })?;
    let mut warnings = warnings;
    warnings.extend(not_drawn(&tree));
    Ok(Drawing { tree, warnings })
}

/// One sentence for each feature of usvg's tree that `pdf::drawings` does not draw.
#[cfg(feature = "media")]
fn not_drawn(tree: &usvg::Tree) -> Vec<String> {
    let mut seen = [false; 7];
    visit(tree.root(), &mut seen);
    const SAID: [&str; 7] = [
        "filters are not drawn (the elements they apply to are drawn without them)",
        "masks are not drawn (the elements they apply to are drawn unmasked)",
        "pattern fills and strokes are not drawn",
        "gradients with spreadMethod reflect or repeat are drawn with pad",
        "gradient stops of differing opacity are drawn opaque",
        "blend modes other than normal are drawn as normal",
        "dash patterns too fine to draw are drawn solid",
    ];
    SAID.iter().zip(seen).filter(|(_, s)| *s).map(|(m, _)| (*m).to_owned()).collect()
}

#[cfg(feature = "media")]
fn visit(group: &usvg::Group, seen: &mut [bool; 7]) {
    seen[0] |= !group.filters().is_empty();
    seen[1] |= group.mask().is_some();
    seen[5] |= group.blend_mode() != usvg::BlendMode::Normal;
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => visit(g, seen),
            usvg::Node::Path(p) => {
                seen[6] |= p.stroke().is_some_and(|s| too_fine(s, p));
                for paint in p.fill().map(|f| f.paint()).into_iter().chain(p.stroke().map(|s| s.paint())) {
                    let gradient: Option<&usvg::BaseGradient> = match paint {
                        usvg::Paint::LinearGradient(g) => Some(g),
                        usvg::Paint::RadialGradient(g) => Some(g),
                        usvg::Paint::Pattern(_) => {
                            seen[2] = true;
                            None
                        }
                        usvg::Paint::Color(_) => None,
                    };
                    if let Some(g) = gradient {
                        seen[3] |= g.spread_method() != usvg::SpreadMethod::Pad;
                        let first = g.stops().first().map(|s| s.opacity());
                        seen[4] |= g.stops().iter().any(|s| Some(s.opacity()) != first);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Stand-in for the base build, which has no parser.
///
/// # Errors
/// Always [`Fault::Invalid`].
#[cfg(not(feature = "media"))]
pub fn parse(_: &str) -> Result<Drawing, Fault> {
    Err(Fault::Invalid("SVG drawings need the media module".to_owned()))
}

/// The message of a roxmltree error, with its position in words ("at line 3, column 7").
#[cfg(feature = "media")]
fn xml_fault(e: roxmltree::Error) -> Fault {
    if let roxmltree::Error::NodesLimitReached = e {
        return Fault::Limit(format!("has more than {MAX_NODES} XML nodes"));
    }
    let pos = e.pos();
    let text = e.to_string();
    let text = text.strip_suffix(&format!(" at {pos}")).unwrap_or(&text).to_owned();
    Fault::Invalid(format!("is not well-formed XML at line {}, column {}: {text}", pos.row, pos.col))
}

/// Checks the nesting and the expanded size, and lists what will be left out.
#[cfg(feature = "media")]
fn scan(doc: &roxmltree::Document) -> Result<Vec<String>, Fault> {
    // Depth of each node, parents first (`descendants` is in document order).
    let mut depths = vec![0usize; doc.descendants().count()];
    for n in doc.descendants() {
        let depth = n.parent().map_or(0, |p| depths[p.id().get_usize()]) + usize::from(n.is_element());
        depths[n.id().get_usize()] = depth;
        if depth > MAX_DEPTH {
            let row = doc.text_pos_at(n.range().start).row;
            return Err(Fault::Limit(format!("nests elements more than {MAX_DEPTH} deep (line {row})")));
        }
    }
    let expanded = expanded_elements(doc).saturating_add(bounds::check(doc)?);
    if expanded > MAX_ELEMENTS {
        return Err(Fault::Limit(format!(
            "has more than {MAX_ELEMENTS} elements once its <use> elements (and markers) are expanded"
        )));
    }
    Ok(left_out(doc))
}

/// The elements a drawing has once each `<use>` stands for a copy of its target, up to
/// just over [`MAX_ELEMENTS`] (counting stops there). A `<use>` inside what it points
/// to (a cycle, which usvg skips) counts as one element.
#[cfg(feature = "media")]
fn expanded_elements(doc: &roxmltree::Document) -> u64 {
    use std::collections::HashMap;
    let ids: HashMap<&str, roxmltree::NodeId> =
        doc.descendants().filter_map(|n| n.attribute("id").map(|id| (id, n.id()))).collect();
    let target = |n: roxmltree::Node| -> Option<roxmltree::NodeId> {
        let href = n.attribute(("http://www.w3.org/1999/xlink", "href")).or_else(|| n.attribute("href"))?;
        ids.get(href.strip_prefix('#')?).copied()
    };
    // Post-order over children and use targets, without recursion: None = in progress.
    let mut sizes: HashMap<roxmltree::NodeId, Option<u64>> = HashMap::new();
    let mut stack = vec![(doc.root_element().id(), false)];
    while let Some((id, done)) = stack.pop() {
        let node = doc.get_node(id).expect("ids come from this document");
        let mut next = node.children().filter(|c| c.is_element()).map(|c| c.id()).collect::<Vec<_>>();
        if node.has_tag_name("use") {
            next.extend(target(node));
        }
        if done {
            let size =
                next.iter().fold(1u64, |sum, c| sum.saturating_add(sizes.get(c).copied().flatten().unwrap_or(0)));
            sizes.insert(id, Some(size.min(MAX_ELEMENTS + 1)));
            continue;
        }
        if sizes.contains_key(&id) {
            continue;
        }
        sizes.insert(id, None);
        stack.push((id, true));
        stack.extend(next.into_iter().filter(|c| !sizes.contains_key(c)).map(|c| (c, false)));
    }
    sizes.get(&doc.root_element().id()).copied().flatten().unwrap_or(0)
}

/// Whether `stroke`'s dash pattern on `path` is too fine to draw dashed: its dash and
/// gap together are under [`MAX_DASHES`]-th of the path's outline (the sum of its
/// bounding box's sides).
#[cfg(feature = "media")]
pub fn too_fine(stroke: &usvg::Stroke, path: &usvg::Path) -> bool {
    let Some(dashes) = stroke.dasharray() else { return false };
    let b = path.data().bounds();
    let period: f32 = dashes.iter().sum();
    period * MAX_DASHES < b.width() + b.height()
}

/// One sentence for each kind of element the drawing leaves out.
#[cfg(feature = "media")]
fn left_out(doc: &roxmltree::Document) -> Vec<String> {
    let count = |name: &str| doc.descendants().filter(|n| n.has_tag_name(name)).count();
    let mut warnings = Vec::new();
    let mut say = |n: usize, what: &str, why: &str| {
        if n > 0 {
            warnings.push(format!("{n} <{what}> element{} left out: {why}", if n == 1 { " is" } else { "s are" }));
        }
    };
    say(count("text"), "text", "text in SVG is not drawn yet (convert it to paths, or put it in a caption)");
    say(count("image"), "image", "images inside SVG are not drawn and nothing is fetched (use an image block)");
    say(count("script"), "script", "scripts never run");
    say(count("foreignObject"), "foreignObject", "foreign content is not drawn");
    warnings
}

#[cfg(all(test, feature = "media"))]
mod tests {
    use super::*;

    const SQUARE: &str =
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48"><rect width="10" height="10"/></svg>"#;

    #[test]
    fn size_is_css_pixels_in_points() {
        let d = parse(SQUARE).expect("ok");
        assert_eq!(d.size(), (72.0, 36.0));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn malformed_markup_names_line_and_column() {
        let err = parse("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <g>\n</svg>").expect_err("refused");
        let Fault::Invalid(m) = err else { panic!("{err:?}") };
        assert!(m.starts_with("is not well-formed XML at line 3, column "), "{m}");
        assert!(!m.contains(" at 3:"), "{m}");
    }

    #[test]
    fn other_root_elements_and_sizeless_drawings_are_refused() {
        assert_eq!(
            parse("<html/>").expect_err("refused"),
            Fault::Invalid("is not SVG: its root element is <html>, not <svg>".into())
        );
        let err = parse(r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="10"/>"#).expect_err("refused");
        assert!(err.to_string().starts_with("has no size"), "{err}");
        // Neither a size nor a viewBox: usvg's default, 100 x 100 pixels.
        assert_eq!(parse(r#"<svg xmlns="http://www.w3.org/2000/svg"/>"#).expect("ok").size(), (75.0, 75.0));
    }

    #[test]
    fn nested_use_elements_are_bounded_before_usvg_expands_them() {
        // Ten levels of ten copies: 10^10 elements once expanded, 111 in the file.
        let mut svg = String::from(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><defs><rect id="l0" width="1" height="1"/>"#,
        );
        for level in 1..=10 {
            svg.push_str(&format!("<g id=\"l{level}\">"));
            for _ in 0..10 {
                svg.push_str(&format!("<use xlink:href=\"#l{}\"/>", level - 1));
            }
            svg.push_str("</g>");
        }
        svg.push_str("</defs><use href=\"#l10\"/></svg>");
        let err = parse(&svg).expect_err("refused");
        assert_eq!(
            err,
            Fault::Limit(format!(
                "has more than {MAX_ELEMENTS} elements once its <use> elements (and markers) are expanded"
            ))
        );
    }

    #[test]
    fn a_use_cycle_counts_once() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g id="a"><use href="#a"/><rect width="1" height="1"/></g></svg>"##;
        assert!(parse(svg).is_ok());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{}{}</svg>"#,
            "<g>".repeat(MAX_DEPTH),
            "</g>".repeat(MAX_DEPTH)
        );
        assert!(matches!(parse(&svg), Err(Fault::Limit(m)) if m.starts_with("nests elements more than 64 deep")));
    }

    #[test]
    fn what_is_left_out_is_said() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>a</text><text>b</text><image href="http://example.com/a.png" width="1" height="1"/><script>alert(1)</script></svg>"#;
        let d = parse(svg).expect("ok");
        assert_eq!(d.warnings.len(), 3);
        assert!(d.warnings[0].starts_with("2 <text> elements are left out"));
        assert!(d.warnings[1].starts_with("1 <image> element is left out"));
        assert_eq!(d.warnings[2], "1 <script> element is left out: scripts never run");
    }

    fn limit(svg: &str) -> String {
        match parse(svg) {
            Err(Fault::Limit(m)) => m,
            other => panic!("expected a limit, got {other:?}"),
        }
    }

    fn wrap(body: &str) -> String {
        format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">{body}</svg>"#)
    }

    #[test]
    fn huge_numbers_are_refused_before_usvg_flattens_them() {
        let m = limit(&wrap(r#"<circle cx="50" cy="50" r="1e38"/>"#));
        assert!(m.starts_with("has the number 1e38 in r (line 1)"), "{m}");
        let m = limit(&wrap(r#"<rect width="10" height="10" style="stroke-width: 5e9"/>"#));
        assert!(m.contains("5e9 in style"), "{m}");
        let m = limit(&wrap(r#"<g transform="scale(1e10)"><rect width="1" height="1"/></g>"#));
        assert!(m.contains("1e10 in transform"), "{m}");
        // Colours and references are not numbers.
        assert!(parse(&wrap(r##"<rect width="10" height="10" fill="#1e3800" style="fill:#9e9999"/>"##)).is_ok());
    }

    #[test]
    fn long_style_sheets_chained_clips_markers_and_big_markup_are_refused() {
        let css: String = (0..2_001).map(|i| format!(".c{i}{{fill:red}}")).collect();
        assert_eq!(limit(&wrap(&format!("<style>{css}</style>"))), "has 2001 style rules, more than 2000");
        let mut clips = String::from(r#"<clipPath id="c0"><rect width="9" height="9"/></clipPath>"#);
        for i in 1..40 {
            clips.push_str(&format!(
                r#"<clipPath id="c{i}" clip-path="url(#c{})"><rect width="9" height="9"/></clipPath>"#,
                i - 1
            ));
        }
        assert!(limit(&wrap(&clips)).starts_with("chains more than 32 clip paths"));
        let d: String = (0..60_000).map(|i| format!(" {i} {}", i % 7)).collect();
        let markers =
            format!(r#"<marker id="m"><rect width="1" height="1"/></marker><path d="M0 0L{d}" marker-mid="url(#m)"/>"#);
        assert!(limit(&wrap(&markers)).contains("(and markers)"));
        let big = wrap(&format!(r#"<path d="M0 0{}"/>"#, " L1 1".repeat(500_000)));
        assert!(limit(&big).ends_with(&format!("bytes of markup, more than {MAX_BYTES}")));
    }

    #[test]
    fn a_use_cycle_through_other_elements_is_a_limit() {
        let m = limit(&wrap(r##"<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>"##));
        assert!(m.contains("<use> cycle"), "{m}");
    }

    #[test]
    fn dash_patterns_too_fine_to_draw_are_drawn_solid_and_said() {
        let d = parse(&wrap(r#"<line x1="0" y1="5" x2="100" y2="5" stroke="black" stroke-dasharray="0.001"/>"#))
            .expect("ok");
        assert_eq!(d.warnings, ["dash patterns too fine to draw are drawn solid"]);
        let fine = parse(&wrap(
            r#"<line x1="0" y1="5" x2="100" y2="5" stroke="black" stroke-dasharray="0 4" stroke-linecap="round"/>"#,
        ));
        assert!(fine.expect("ok").warnings.is_empty(), "dots (a dash of no length, round caps) are drawn");
    }
}
