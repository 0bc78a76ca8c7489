//! Bounds on what usvg would do with markup, checked on roxmltree's tree before usvg
//! sees it: sizes that turn one circle into millions of curves, style sheets whose
//! matching grows with the square of their length, clip paths chained deep enough to
//! exhaust the stack, and markers that multiply with a path's vertices.

use std::collections::HashMap;

use super::{Fault, MAX_ELEMENTS};

/// The largest magnitude of a number in geometry, transforms, strokes or style: 10^9
/// user units is a kilometre at a micrometre each, far beyond any drawing, and keeps
/// usvg's flattening of arcs and circles to a bounded number of curves (a circle of
/// radius 10^38 became 86 MB of curves in 10 s).
pub const MAX_NUMBER: f64 = 1e9;

/// Most rules in the drawing's style sheets (usvg matches each rule against each
/// element; 20,000 rules took 5 s).
pub const MAX_RULES: usize = 2_000;

/// Longest chain of clip paths or masks that are clipped or masked themselves (2,000 in
/// a chain exhausted the WebAssembly stack).
pub const MAX_CHAIN: usize = 32;

/// The attributes whose numbers are geometry, transforms or strokes; `style` and style
/// sheets are read for the same numbers.
const NUMERIC: [&str; 30] = [
    "x",
    "y",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "x1",
    "y1",
    "x2",
    "y2",
    "width",
    "height",
    "d",
    "points",
    "transform",
    "gradientTransform",
    "patternTransform",
    "viewBox",
    "stroke-width",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "fx",
    "fy",
    "fr",
    "markerWidth",
    "markerHeight",
    "refX",
    "refY",
];

/// Checks the numbers, the style sheets and the chains; returns how many elements the
/// drawing's markers add (one per vertex of each path, when it has markers).
pub fn check(doc: &roxmltree::Document) -> Result<u64, Fault> {
    let mut rules = 0;
    for node in doc.descendants() {
        if node.has_tag_name("style") {
            let css: String = node.children().filter_map(|c| c.text()).collect();
            rules += css.matches('{').count();
            numbers(&css, "a style sheet", doc, node)?;
        }
        for a in node.attributes() {
            if a.name() == "style" || NUMERIC.contains(&a.name()) {
                numbers(a.value(), a.name(), doc, node)?;
            }
        }
    }
    if rules > MAX_RULES {
        return Err(Fault::Limit(format!("has {rules} style rules, more than {MAX_RULES}")));
    }
    chains(doc)?;
    Ok(marker_vertices(doc))
}

/// Refuses a number in `text` beyond ±[`MAX_NUMBER`] (colours like `#1e3800` skipped).
fn numbers(text: &str, what: &str, doc: &roxmltree::Document, node: roxmltree::Node) -> Result<(), Fault> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'#' {
            while i < bytes.len() && bytes[i] != b';' && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            continue;
        }
        if !b.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
            i += 1;
        }
        if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
            let mut j = i + 1;
            if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
                j += 1;
            }
            if j < bytes.len() && bytes[j].is_ascii_digit() {
                i = j;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
            }
        }
        let value: f64 = text[start..i].parse().unwrap_or(0.0);
        if value > MAX_NUMBER {
            let row = doc.text_pos_at(node.range().start).row;
            return Err(Fault::Limit(format!(
                "has the number {} in {what} (line {row}); numbers in a drawing are at most 10^9",
                &text[start..i]
            )));
        }
    }
    Ok(())
}

/// Refuses clip paths or masks chained more than [`MAX_CHAIN`] deep.
fn chains(doc: &roxmltree::Document) -> Result<(), Fault> {
    let ids: HashMap<&str, roxmltree::Node> =
        doc.descendants().filter_map(|n| n.attribute("id").map(|id| (id, n))).collect();
    let target = |n: roxmltree::Node, attr: &str| -> Option<roxmltree::Node> {
        let value = n.attribute(attr)?.trim();
        let id = value.strip_prefix("url(")?.strip_suffix(')')?.trim().trim_matches(['"', '\'']).strip_prefix('#')?;
        ids.get(id).copied()
    };
    for node in doc.descendants().filter(|n| n.has_tag_name("clipPath") || n.has_tag_name("mask")) {
        for attr in ["clip-path", "mask"] {
            let mut at = node;
            for depth in 0.. {
                let Some(next) = target(at, attr) else { break };
                if depth >= MAX_CHAIN {
                    let row = doc.text_pos_at(node.range().start).row;
                    return Err(Fault::Limit(format!(
                        "chains more than {MAX_CHAIN} clip paths or masks, each clipped by the next (line {row})"
                    )));
                }
                at = next;
            }
        }
    }
    Ok(())
}

/// With a `<marker>` in the drawing, the vertices of its paths (about half the numbers
/// of `d` and `points`): each may carry a marker, a copy of its content. Counting stops
/// past [`MAX_ELEMENTS`].
fn marker_vertices(doc: &roxmltree::Document) -> u64 {
    if !doc.descendants().any(|n| n.has_tag_name("marker")) {
        return 0;
    }
    let mut vertices = 0u64;
    for node in doc.descendants() {
        for attr in ["d", "points"] {
            if let Some(v) = node.attribute(attr) {
                let numbers = v
                    .split(|c: char| c.is_ascii_whitespace() || c == ',' || c.is_ascii_alphabetic())
                    .filter(|t| !t.is_empty())
                    .count();
                vertices += numbers as u64 / 2 + 1;
                if vertices > MAX_ELEMENTS {
                    return vertices;
                }
            }
        }
    }
    vertices
}
