//! Blocks inside blocks: a box holds blocks. The walk over every block of a snapshot at
//! any depth, in reading order, with where each one is (`blocks[2].blocks[0]`).

use super::Block;
use super::read::At;

/// How deep boxes may nest: a box inside 7 others is the deepest.
pub const MAX_DEPTH: usize = 8;

/// Calls `f` with every block of `blocks` (the field `blocks` of `at`) and of the boxes
/// among them, depth first in reading order (a box before the blocks inside it), with
/// its place and its depth (1 for a block of `blocks`); stops at the first error.
///
/// # Errors
/// The first error `f` returns.
pub(crate) fn try_each<'s, 'a, E>(
    blocks: &'s [Block<'a>],
    at: &At,
    depth: usize,
    f: &mut dyn FnMut(&'s Block<'a>, &At, usize) -> Result<(), E>,
) -> Result<(), E> {
    let here = at.key("blocks");
    for (i, block) in blocks.iter().enumerate() {
        let at = here.index(i);
        f(block, &at, depth)?;
        if let Block::Box(b) = block {
            try_each(&b.blocks, &at, depth + 1, f)?;
        }
    }
    Ok(())
}

/// Every block of `blocks` and of the boxes among them, in reading order.
pub fn all<'s, 'a>(blocks: &'s [Block<'a>]) -> Vec<&'s Block<'a>> {
    let mut found = Vec::with_capacity(blocks.len());
    let _ = try_each(blocks, &At::Root, 1, &mut |b, _, _| -> Result<(), ()> {
        found.push(b);
        Ok(())
    });
    found
}
