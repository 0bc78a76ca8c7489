//! The document outline (bookmarks, PDF 32000-1:2008, 12.3.3), built from the headings:
//! a level-2 heading sits under the level-1 heading before it, a level-3 heading under
//! the heading of a lower level before it. Every item is open and jumps to the top of
//! its heading.

use pdf_writer::{Pdf, Ref, TextStr};

use super::Refs;
use super::links::ABOVE;
use crate::layout::Layout;

/// One outline item and its place in the tree (indices into the item list).
struct Node {
    id: Ref,
    parent: Option<usize>,
    children: Vec<usize>,
    /// Items below this one, at any depth.
    descendants: i32,
}

/// Writes the outline of `layout`'s headings and returns the outline dictionary's
/// reference, or `None` when there are no headings.
pub(super) fn write(pdf: &mut Pdf, refs: &mut Refs, layout: &Layout, page_ids: &[Ref]) -> Option<Ref> {
    let marks = &layout.headings;
    if marks.is_empty() {
        return None;
    }
    let root_id = refs.next();
    let nodes = tree(marks.iter().map(|m| m.level), refs);
    let top: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].parent.is_none()).collect();
    for (i, (node, mark)) in nodes.iter().zip(marks).enumerate() {
        let siblings = node.parent.map_or(&top, |p| &nodes[p].children);
        let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut item = pdf.outline_item(node.id);
        item.title(TextStr(mark.text)).parent(node.parent.map_or(root_id, |p| nodes[p].id));
        if at > 0 {
            item.prev(nodes[siblings[at - 1]].id);
        }
        if let Some(&next) = siblings.get(at + 1) {
            item.next(nodes[next].id);
        }
        if let (Some(&first), Some(&last)) = (node.children.first(), node.children.last()) {
            item.first(nodes[first].id).last(nodes[last].id).count(node.descendants);
        }
        item.dest().page(page_ids[mark.page]).xyz(0.0, (mark.y + ABOVE).min(layout.height), None);
    }
    let mut outline = pdf.outline(root_id);
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        outline.first(nodes[first].id).last(nodes[last].id);
    }
    outline.count(nodes.len() as i32);
    Some(root_id)
}

/// Builds the tree from the heading levels in reading order.
fn tree(levels: impl Iterator<Item = u8>, refs: &mut Refs) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::new();
    // The open path from the top: (level, node index).
    let mut path: Vec<(u8, usize)> = Vec::new();
    for level in levels {
        while path.last().is_some_and(|&(l, _)| l >= level) {
            path.pop();
        }
        let parent = path.last().map(|&(_, i)| i);
        let i = nodes.len();
        nodes.push(Node { id: refs.next(), parent, children: Vec::new(), descendants: 0 });
        if let Some(p) = parent {
            nodes[p].children.push(i);
        }
        for &(_, ancestor) in &path {
            nodes[ancestor].descendants += 1;
        }
        path.push((level, i));
    }
    nodes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_nest_under_the_nearest_lower_level() {
        let mut refs = Refs(0);
        let nodes = tree([1, 2, 3, 2, 1, 3, 2].into_iter(), &mut refs);
        let parents: Vec<Option<usize>> = nodes.iter().map(|n| n.parent).collect();
        assert_eq!(parents, [None, Some(0), Some(1), Some(0), None, Some(4), Some(4)]);
        let counts: Vec<i32> = nodes.iter().map(|n| n.descendants).collect();
        assert_eq!(counts, [3, 1, 0, 0, 2, 0, 0]);
        assert_eq!(nodes[4].children, [5, 6]);
    }
}
