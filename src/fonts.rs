//! Fonts supplied by the caller: TrueType and OpenType faces (parsed with ttf-parser)
//! that text is measured with and that the PDF embeds as subsets (see
//! [`crate::pdf`]).
//!
//! A snapshot names the fonts it is set in (`"font": "DejaVu Sans"`, or a fallback
//! chain `["DejaVu Sans", "Noto Sans CJK"]`): each character is set in the first face
//! of the chain that has a glyph for it. Bold and italic text use the faces registered
//! as `NAME Bold`, `NAME Italic` and `NAME Bold Italic` where they are supplied, else
//! the face itself.
//!
//! Measurement uses the face's horizontal advances (`hmtx`), scaled to 1/1000 em, and
//! its pair kerning: GPOS pair adjustments of the `kern` feature, else the legacy `kern`
//! table (`fonts/kerning.rs`).

mod kerning;

use std::cell::RefCell;
use std::collections::HashMap;

use sha2::{Digest, Sha256};
use ttf_parser::GlyphId;

/// A font file as the caller supplies it: a name and the bytes of a TrueType or
/// OpenType file (`.ttf`, `.otf`; the first face of a collection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontFile<'d> {
    /// The name snapshots use for it, such as `DejaVu Sans` or `DejaVu Sans Bold`.
    pub name: &'d str,
    /// The file's bytes.
    pub data: &'d [u8],
}

/// Index of a face in a [`FontBook`].
pub type FaceId = u16;

/// A parsed face with a cache of the glyphs looked up so far.
pub struct Face<'d> {
    /// The name it was supplied under.
    pub name: &'d str,
    /// The file's bytes.
    pub data: &'d [u8],
    face: ttf_parser::Face<'d>,
    /// SHA-256 of the file (part of the cache key).
    pub digest: [u8; 32],
    /// Glyph and advance (1/1000 em) of each character looked up, `None` if missing.
    glyphs: RefCell<HashMap<char, Option<(u16, u16)>>>,
    /// Where the pair kerning comes from.
    kerning: kerning::Kerning,
    /// Kerning (1/1000 em) of each glyph pair looked up.
    kerns: RefCell<HashMap<(u16, u16), i32>>,
}

impl std::fmt::Debug for Face<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Face({:?}, {} bytes)", self.name, self.data.len())
    }
}

impl<'d> Face<'d> {
    /// The glyph of `c` and its advance in 1/1000 em, or `None` if the face lacks it.
    pub fn glyph(&self, c: char) -> Option<(u16, u16)> {
        if let Some(&hit) = self.glyphs.borrow().get(&c) {
            return hit;
        }
        let found = self.face.glyph_index(c).filter(|g| g.0 != 0).map(|g| (g.0, self.advance(g)));
        self.glyphs.borrow_mut().insert(c, found);
        found
    }

    /// The kerning between glyphs `left` and `right` in 1/1000 em (negative: closer),
    /// from GPOS or the `kern` table (`fonts/kerning.rs`); 0 without either.
    pub fn kern(&self, left: u16, right: u16) -> i32 {
        if !self.kerning.kerns() {
            return 0;
        }
        if let Some(&hit) = self.kerns.borrow().get(&(left, right)) {
            return hit;
        }
        let units = self.kerning.pair(&self.face, GlyphId(left), GlyphId(right));
        let kern = units * 1000 / i32::from(self.face.units_per_em().max(1));
        self.kerns.borrow_mut().insert((left, right), kern);
        kern
    }

    /// The advance of glyph `g` in 1/1000 em.
    pub fn advance(&self, g: GlyphId) -> u16 {
        let units = u32::from(self.face.glyph_hor_advance(g).unwrap_or(0));
        (units * 1000 / u32::from(self.face.units_per_em().max(1))) as u16
    }

    /// Whether the face has a glyph for `c` (tab and line breaks count as printable:
    /// the layout turns them into spaces and new lines).
    pub fn has(&self, c: char) -> bool {
        matches!(c, '\n' | '\r' | '\t') || self.glyph(c).is_some()
    }

    /// Scales font units to 1/1000 em.
    fn scale(&self, v: i16) -> f32 {
        f32::from(v) * 1000.0 / f32::from(self.face.units_per_em().max(1))
    }

    /// Metrics for the PDF font descriptor (PDF 32000-1:2008, 9.8), in 1/1000 em.
    pub fn descriptor(&self) -> Descriptor {
        let f = &self.face;
        let b = f.global_bounding_box();
        Descriptor {
            ascent: self.scale(f.ascender()),
            descent: self.scale(f.descender()),
            cap_height: self.scale(f.capital_height().unwrap_or(f.ascender())),
            bbox: [self.scale(b.x_min), self.scale(b.y_min), self.scale(b.x_max), self.scale(b.y_max)],
            italic_angle: f.italic_angle(),
            monospaced: f.is_monospaced(),
        }
    }

    /// The PostScript name from the `name` table (ID 6), or the supplied name without
    /// spaces.
    pub fn postscript_name(&self) -> String {
        let from_table = self
            .face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
            .and_then(|n| n.to_string());
        let name = from_table.unwrap_or_else(|| self.name.to_owned());
        name.chars().filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c)).collect()
    }
}

/// Font metrics for a PDF font descriptor, in 1/1000 em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Descriptor {
    /// Ascender.
    pub ascent: f32,
    /// Descender (negative).
    pub descent: f32,
    /// Height of capital letters.
    pub cap_height: f32,
    /// Bounding box of all glyphs: left, bottom, right, top.
    pub bbox: [f32; 4],
    /// Italic angle in degrees counter-clockwise from vertical.
    pub italic_angle: f32,
    /// Whether every glyph has the same advance.
    pub monospaced: bool,
}

/// The fonts supplied for a render.
#[derive(Debug, Default)]
pub struct FontBook<'d> {
    faces: Vec<Face<'d>>,
}

/// Why a font file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontError {
    /// Index of the file in the list supplied.
    pub index: usize,
    /// What is wrong.
    pub message: String,
}

impl<'d> FontBook<'d> {
    /// Parses the supplied files.
    ///
    /// # Errors
    /// [`FontError`] for the first file that is not a TrueType or OpenType font, has
    /// an empty or duplicate name, or has no Unicode character map.
    pub fn new(files: &[FontFile<'d>]) -> Result<Self, FontError> {
        let mut faces: Vec<Face<'d>> = Vec::with_capacity(files.len());
        for (index, file) in files.iter().enumerate() {
            let err = |message: String| FontError { index, message };
            if file.name.trim().is_empty() {
                return Err(err("has an empty name".to_owned()));
            }
            if faces.iter().any(|f| f.name == file.name) {
                return Err(err(format!("`{}` is supplied twice", file.name)));
            }
            let face = ttf_parser::Face::parse(file.data, 0)
                .map_err(|e| err(format!("`{}` is not a TrueType or OpenType font: {e}", file.name)))?;
            if face.tables().cmap.is_none() {
                return Err(err(format!("`{}` has no character map (cmap table)", file.name)));
            }
            let kerning = kerning::Kerning::of(&face);
            faces.push(Face {
                name: file.name,
                data: file.data,
                face,
                digest: Sha256::digest(file.data).into(),
                glyphs: RefCell::new(HashMap::new()),
                kerning,
                kerns: RefCell::new(HashMap::new()),
            });
        }
        Ok(FontBook { faces })
    }

    /// The face with this id.
    pub fn face(&self, id: FaceId) -> &Face<'d> {
        &self.faces[usize::from(id)]
    }

    /// Every face, in the order supplied.
    pub fn faces(&self) -> &[Face<'d>] {
        &self.faces
    }

    /// The face supplied under `name`.
    pub fn find(&self, name: &str) -> Option<FaceId> {
        self.faces.iter().position(|f| f.name == name).map(|i| i as FaceId)
    }

    /// The face for `name` in a style: `NAME Bold`, `NAME Italic` or `NAME Bold Italic`
    /// if supplied, else `NAME Bold` for bold italic, else `name` itself.
    pub fn styled(&self, name: &str, bold: bool, italic: bool) -> Option<FaceId> {
        let suffixes: &[&str] = match (bold, italic) {
            (true, true) => &[" Bold Italic", " Bold"],
            (true, false) => &[" Bold"],
            (false, true) => &[" Italic"],
            (false, false) => &[],
        };
        suffixes.iter().find_map(|s| self.find(&format!("{name}{s}"))).or_else(|| self.find(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    #[test]
    fn faces_measure_and_map_characters() {
        let data = std::fs::read(DEJAVU).expect("fonts-dejavu-core is installed (scripts/setup.sh)");
        let book = FontBook::new(&[FontFile { name: "DejaVu Sans", data: &data }]).expect("parses");
        let face = book.face(0);
        // DejaVuSans.ttf: 2048 units per em; 'a' advances 1255 units = 612/1000 em.
        let (glyph, advance) = face.glyph('a').expect("a");
        assert!(glyph > 0);
        assert_eq!(advance, 612);
        assert!(face.has('Ж') && face.has('λ') && !face.has('\u{4E2D}'));
        assert_eq!(book.styled("DejaVu Sans", true, false), Some(0), "no bold face: the regular one");
        assert!(face.postscript_name().starts_with("DejaVuSans"));
        // DejaVu Sans kerns "AV" (GPOS and its kern table): the pair sits closer than the advances.
        let (a, v) = (face.glyph('A').expect("A").0, face.glyph('V').expect("V").0);
        assert!(face.kern(a, v) < 0, "AV kerning {}", face.kern(a, v));
        assert!(face.kern(v, a) < 0, "VA kerning {}", face.kern(v, a));
    }

    #[test]
    fn bad_files_and_names_are_refused() {
        let err = FontBook::new(&[FontFile { name: "X", data: b"not a font" }]).expect_err("refused");
        assert_eq!(err.index, 0);
        assert!(err.message.contains("not a TrueType"));
        let err = FontBook::new(&[FontFile { name: " ", data: b"" }]).expect_err("refused");
        assert!(err.message.contains("empty name"));
    }
}
