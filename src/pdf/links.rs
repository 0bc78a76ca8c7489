//! Link annotations (PDF 32000-1:2008, 12.5.6.5): a URI action for `http:`, `https:`
//! and `mailto:` links (12.6.4.7), a go-to action to the heading for `#id` links. No
//! other action is ever written: no JavaScript, no launch.

use pdf_writer::types::{ActionType, AnnotationType};
use pdf_writer::{Pdf, Rect, Ref, Str};

use super::Refs;
use crate::layout::{Layout, Page};

/// Space kept above a heading when a link jumps to it, in points.
pub(super) const ABOVE: f32 = 6.0;

/// Writes the link annotations of `page` and returns their references, for the page's
/// `/Annots`. A `#id` naming no heading (validation refuses those) is left out.
pub(super) fn write(pdf: &mut Pdf, refs: &mut Refs, layout: &Layout, page: &Page, page_ids: &[Ref]) -> Vec<Ref> {
    let mut ids = Vec::with_capacity(page.links.len());
    for link in &page.links {
        let target = match link.target.strip_prefix('#') {
            Some(id) => match layout.headings.iter().find(|h| h.id == Some(id)) {
                Some(h) => Some((page_ids[h.page], h.y)),
                None => continue,
            },
            None => None,
        };
        let id = refs.next();
        let [x1, y1, x2, y2] = link.rect;
        let mut annotation = pdf.annotation(id);
        annotation.subtype(AnnotationType::Link).rect(Rect::new(x1, y1, x2, y2)).border(0.0, 0.0, 0.0, None);
        let mut action = annotation.action();
        match target {
            Some((page_ref, y)) => {
                action.action_type(ActionType::GoTo).destination().page(page_ref).xyz(
                    0.0,
                    (y + ABOVE).min(layout.height),
                    None,
                );
            }
            None => {
                action.action_type(ActionType::Uri).uri(Str(&uri_bytes(link.target)));
            }
        }
        ids.push(id);
    }
    ids
}

/// A link as the 7-bit ASCII a URI action holds (PDF 32000-1:2008, 12.6.4.7): each byte
/// of its UTF-8 outside the printable ASCII range (a space, a control character, any
/// non-ASCII letter) written as `%XX`, as RFC 3987 (3.1) maps an IRI to a URI.
fn uri_bytes(target: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(target.len());
    for &b in target.as_bytes() {
        if (0x21..0x7f).contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_printable_ascii() {
        assert_eq!(super::uri_bytes("https://example.com/a b/Zürich"), b"https://example.com/a%20b/Z%C3%BCrich");
        assert_eq!(super::uri_bytes("mailto:x@y.z"), b"mailto:x@y.z");
    }
}
