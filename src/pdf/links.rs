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
                action.action_type(ActionType::Uri).uri(Str(link.target.as_bytes()));
            }
        }
        ids.push(id);
    }
    ids
}
