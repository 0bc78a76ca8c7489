//! Pair kerning of a face: from the `kern` feature of its GPOS table where it has one
//! (OpenType, GPOS lookup type 2, "Pair Adjustment Positioning", formats 1 and 2), else
//! from its legacy `kern` table (horizontal, non-state-machine subtables). As in
//! HarfBuzz, a face whose GPOS has a `kern` feature ignores its `kern` table.
//!
//! Only pair adjustments are read: the first glyph's x-advance change, the standard way
//! fonts express kerning. Contextual and chained lookups need a shaper and are skipped.

use ttf_parser::GlyphId;
use ttf_parser::gpos::{PairAdjustment, PositioningSubtable};
use ttf_parser::opentype_layout::LayoutTable;

/// The feature tag of kerning (OpenType feature registry).
const KERN: ttf_parser::Tag = ttf_parser::Tag::from_bytes(b"kern");

/// Where a face's kerning comes from, found once when the face is parsed.
#[derive(Debug, Clone, Default)]
pub enum Kerning {
    /// The lookups of GPOS's `kern` feature, in the order they apply.
    Gpos(Vec<u16>),
    /// The legacy `kern` table.
    Table,
    /// Neither: the face does not kern (most CJK faces).
    #[default]
    None,
}

impl Kerning {
    /// The source of `face`'s kerning: the GPOS `kern` feature's lookups (from every
    /// script and language; duplicates once, in lookup order) if there are any, else
    /// the `kern` table if there is one.
    pub fn of(face: &ttf_parser::Face) -> Kerning {
        let mut lookups: Vec<u16> = face
            .tables()
            .gpos
            .map(|gpos| gpos.features.into_iter().filter(|f| f.tag == KERN).flat_map(|f| f.lookup_indices).collect())
            .unwrap_or_default();
        lookups.sort_unstable();
        lookups.dedup();
        match (lookups.is_empty(), face.tables().kern.is_some()) {
            (false, _) => Kerning::Gpos(lookups),
            (true, true) => Kerning::Table,
            (true, false) => Kerning::None,
        }
    }

    /// Whether the face kerns at all.
    pub fn kerns(&self) -> bool {
        !matches!(self, Kerning::None)
    }

    /// The kerning between glyphs `left` and `right` in font units (negative: closer).
    pub fn pair(&self, face: &ttf_parser::Face, left: GlyphId, right: GlyphId) -> i32 {
        match self {
            Kerning::Gpos(lookups) => face.tables().gpos.map_or(0, |gpos| gpos_pair(&gpos, lookups, left, right)),
            Kerning::Table => table_pair(face, left, right),
            Kerning::None => 0,
        }
    }
}

/// The sum over the lookups of the first pair adjustment subtable of each that covers
/// the pair (within one lookup, subtables are tried in order until one applies).
fn gpos_pair(gpos: &LayoutTable, lookups: &[u16], left: GlyphId, right: GlyphId) -> i32 {
    lookups
        .iter()
        .filter_map(|&i| gpos.lookups.get(i))
        .filter_map(|lookup| {
            lookup.subtables.into_iter::<PositioningSubtable>().find_map(|subtable| match subtable {
                PositioningSubtable::Pair(pair) => pair_adjustment(&pair, left, right),
                _ => None,
            })
        })
        .map(i32::from)
        .sum()
}

/// The first glyph's x-advance change for the pair, if this subtable has the pair.
fn pair_adjustment(pair: &PairAdjustment, left: GlyphId, right: GlyphId) -> Option<i16> {
    match pair {
        PairAdjustment::Format1 { coverage, sets } => {
            let set = sets.get(coverage.get(left)?)?;
            set.get(right).map(|(first, _)| first.x_advance)
        }
        PairAdjustment::Format2 { coverage, classes, matrix } => {
            coverage.get(left)?;
            let (first, _) = matrix.get((classes.0.get(left), classes.1.get(right)))?;
            Some(first.x_advance)
        }
    }
}

/// The legacy `kern` table's value for the pair.
fn table_pair(face: &ttf_parser::Face, left: GlyphId, right: GlyphId) -> i32 {
    let Some(table) = face.tables().kern else { return 0 };
    table
        .subtables
        .into_iter()
        .filter(|st| st.horizontal && !st.variable && !st.has_cross_stream && !st.has_state_machine)
        .find_map(|st| st.glyphs_kerning(left, right))
        .map_or(0, i32::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dejavu() -> Vec<u8> {
        std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
            .expect("fonts-dejavu-core is installed (scripts/setup.sh)")
    }

    /// `data` with the table tagged `from` in its table directory renamed `to` (so a
    /// parser no longer finds it).
    fn renamed(mut data: Vec<u8>, from: &[u8; 4], to: &[u8; 4]) -> Vec<u8> {
        let tables = usize::from(u16::from_be_bytes([data[4], data[5]]));
        let at = (0..tables).map(|t| 12 + 16 * t).find(|&at| &data[at..at + 4] == from).expect("the table");
        data[at..at + 4].copy_from_slice(to);
        data
    }

    fn av(data: &[u8]) -> (Kerning, i32) {
        let face = ttf_parser::Face::parse(data, 0).expect("parses");
        let (a, v) = (face.glyph_index('A').expect("A"), face.glyph_index('V').expect("V"));
        let kerning = Kerning::of(&face);
        let units = kerning.pair(&face, a, v);
        (kerning, units)
    }

    #[test]
    fn gpos_pair_adjustments_kern_a_face_without_a_kern_table() {
        // DejaVu Sans has both; its GPOS `kern` feature (lookups 14 and 15, class-based
        // pair adjustments) and its `kern` table agree on "AV": -131 of 2048 units.
        let (kerning, both) = av(&dejavu());
        assert!(matches!(kerning, Kerning::Gpos(ref l) if !l.is_empty()), "{kerning:?}");
        assert_eq!(both, -131);
        let (kerning, gpos_only) = av(&renamed(dejavu(), b"kern", b"xern"));
        assert!(matches!(kerning, Kerning::Gpos(_)));
        assert_eq!(gpos_only, -131);
        let (kerning, table_only) = av(&renamed(dejavu(), b"GPOS", b"XPOS"));
        assert!(matches!(kerning, Kerning::Table));
        assert_eq!(table_only, -131);
    }

    #[test]
    fn a_face_with_neither_does_not_kern() {
        let data = renamed(renamed(dejavu(), b"GPOS", b"XPOS"), b"kern", b"xern");
        let (kerning, units) = av(&data);
        assert!(!kerning.kerns());
        assert_eq!(units, 0);
    }
}
