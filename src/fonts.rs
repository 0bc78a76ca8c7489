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

// The face, parsed with ttf-parser; or (in the base build, without the `media`
// feature) an uninhabited stand-in: `FontBook` parses nothing there.
#[cfg_attr(feature = "media", path = "fonts/face.rs")]
#[cfg_attr(not(feature = "media"), path = "fonts/absent.rs")]
mod face;
#[cfg(feature = "media")]
mod kerning;

pub use face::Face;

use std::cell::OnceCell;

use sha2::{Digest, Sha256};

/// A font file as the caller supplies it: a name and the bytes of a TrueType or
/// OpenType file (`.ttf`, `.otf`; the first face of a collection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontFile<'d> {
    /// The name snapshots use for it, such as `DejaVu Sans` or `DejaVu Sans Bold`.
    pub name: &'d str,
    /// The file's bytes.
    pub data: &'d [u8],
    /// The SHA-256 of `data`, if the caller kept it from an earlier call: the cache key
    /// then uses it instead of hashing the file again (about 2 ms for a 750 KB face as
    /// WebAssembly). A wrong digest gives a wrong key.
    pub digest: Option<[u8; 32]>,
}

impl<'d> FontFile<'d> {
    /// A file whose digest is computed when needed.
    pub fn new(name: &'d str, data: &'d [u8]) -> Self {
        FontFile { name, data, digest: None }
    }
}

/// A glyph as the shaper placed it (see [`Face::shape`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The glyph ID in the face.
    pub id: u16,
    /// The byte offset, in the text shaped, of the first character of the cluster the
    /// glyph belongs to (HarfBuzz's "cluster"; its characters map to its glyphs).
    pub cluster: u32,
    /// How far the pen moves after it, in 1/1000 em.
    pub advance: f32,
    /// Where it is drawn from the pen, right and up, in 1/1000 em (GPOS mark and
    /// cursive positioning).
    pub offset: (f32, f32),
}

/// Index of a face in a [`FontBook`].
pub type FaceId = u16;

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
    /// Every file supplied, in order (a [`FaceId`] indexes it), with its SHA-256 once
    /// asked for: names are all validation needs, and the cache key hashes only the
    /// files a snapshot uses (hashing a 750 KB face takes about 2 ms as WebAssembly).
    files: Vec<(FontFile<'d>, OnceCell<[u8; 32]>)>,
    /// The faces parsed from those files, in the same order. Empty in builds without
    /// the `media` feature, which parse none: validation refuses text set in supplied
    /// fonts there, so nothing asks for a face.
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
    /// Takes in the supplied files and, with the `media` feature, parses them.
    ///
    /// # Errors
    /// [`FontError`] for the first file that has an empty or duplicate name, or (with
    /// the `media` feature) is not a TrueType or OpenType font or has no Unicode
    /// character map.
    pub fn new(files: &[FontFile<'d>]) -> Result<Self, FontError> {
        let mut book = FontBook { files: Vec::with_capacity(files.len()), faces: Vec::new() };
        for (index, file) in files.iter().enumerate() {
            let err = |message: String| FontError { index, message };
            if file.name.trim().is_empty() {
                return Err(err("has an empty name".to_owned()));
            }
            if book.find(file.name).is_some() {
                return Err(err(format!("`{}` is supplied twice", file.name)));
            }
            if crate::MEDIA {
                book.faces.push(Face::parse(*file).map_err(err)?);
            }
            book.files.push((*file, file.digest.map_or_else(OnceCell::new, OnceCell::from)));
        }
        Ok(book)
    }

    /// The face with this id.
    ///
    /// # Panics
    /// In a build without the `media` feature, which parses no face. Validation
    /// refuses text set in supplied fonts there before anything lays it out.
    pub fn face(&self, id: FaceId) -> &Face<'d> {
        &self.faces[usize::from(id)]
    }

    /// The name a file was supplied under.
    pub fn name(&self, id: FaceId) -> &'d str {
        self.files[usize::from(id)].0.name
    }

    /// The SHA-256 of a file (part of the cache key), computed on first use.
    pub fn digest(&self, id: FaceId) -> [u8; 32] {
        let (file, digest) = &self.files[usize::from(id)];
        *digest.get_or_init(|| Sha256::digest(file.data).into())
    }

    /// The names of the files, in the order supplied.
    pub fn names(&self) -> impl Iterator<Item = &'d str> + '_ {
        self.files.iter().map(|(file, _)| file.name)
    }

    /// The file supplied under `name`.
    pub fn find(&self, name: &str) -> Option<FaceId> {
        self.files.iter().position(|(file, _)| file.name == name).map(|i| i as FaceId)
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

/// Font files copied once and kept across renders: what a host registers when the same
/// fonts serve many snapshots (an engine's fonts, a worker's), so that each render
/// neither copies the files again nor hashes them again. [`FontSet::book`] lends them
/// to one render as a [`FontBook`]; [`FontSet::keep_digests`] keeps the SHA-256s that
/// render computed, so each file is hashed at most once in the set's life.
#[derive(Debug, Default)]
pub struct FontSet {
    files: Vec<StoredFont>,
}

/// A font file a [`FontSet`] owns.
#[derive(Debug)]
struct StoredFont {
    name: String,
    data: Vec<u8>,
    digest: OnceCell<[u8; 32]>,
}

impl FontSet {
    /// Adds a file (its name, its bytes and, if known, their SHA-256), unchecked:
    /// [`FontSet::book`] checks the files.
    pub fn push(&mut self, name: String, data: Vec<u8>, digest: Option<[u8; 32]>) {
        self.files.push(StoredFont { name, data, digest: digest.map_or_else(OnceCell::new, OnceCell::from) });
    }

    /// The files as a [`FontBook`] for one render, with every digest known so far.
    ///
    /// # Errors
    /// As [`FontBook::new`].
    pub fn book(&self) -> Result<FontBook<'_>, FontError> {
        let files: Vec<FontFile<'_>> = self
            .files
            .iter()
            .map(|f| FontFile { name: &f.name, data: &f.data, digest: f.digest.get().copied() })
            .collect();
        FontBook::new(&files)
    }

    /// Keeps the digests that `book` (made by [`FontSet::book`]) computed.
    pub fn keep_digests(&self, book: &FontBook) {
        for (stored, (_, digest)) in self.files.iter().zip(&book.files) {
            if let Some(&d) = digest.get() {
                let _ = stored.digest.set(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "media")]
    const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    #[test]
    #[cfg(feature = "media")]
    fn faces_measure_and_map_characters() {
        let data = std::fs::read(DEJAVU).expect("fonts-dejavu-core is installed (scripts/setup.sh)");
        let book = FontBook::new(&[FontFile::new("DejaVu Sans", &data)]).expect("parses");
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
    fn a_font_set_lends_books_and_keeps_their_digests() {
        // The base build parses nothing, so any bytes do there.
        let data = if crate::MEDIA {
            std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").expect("fonts-dejavu-core")
        } else {
            b"first".to_vec()
        };
        let expected: [u8; 32] = Sha256::digest(&data).into();
        let mut set = FontSet::default();
        set.push("A".to_owned(), data.clone(), None);
        set.push("B".to_owned(), data, Some([7; 32]));
        let book = set.book().expect("fonts");
        assert_eq!(book.digest(1), [7; 32], "a given digest is used");
        assert_eq!(book.files[0].1.get(), None, "hashed only when asked");
        assert_eq!(book.digest(0), expected);
        set.keep_digests(&book);
        assert_eq!(set.book().expect("fonts").files[0].1.get(), Some(&expected), "kept from the first book");

        let mut twice = FontSet::default();
        twice.push("A".to_owned(), b"x".to_vec(), None);
        twice.push("A".to_owned(), b"x".to_vec(), None);
        let err = twice.book().expect_err("refused");
        assert!(err.index == 1 || crate::MEDIA, "{err:?}");
    }

    #[test]
    fn bad_files_and_names_are_refused() {
        let not_a_font = FontBook::new(&[FontFile::new("X", b"not a font")]);
        if crate::MEDIA {
            let err = not_a_font.expect_err("refused");
            assert_eq!(err.index, 0);
            assert!(err.message.contains("not a TrueType"), "{}", err.message);
        } else {
            // Kept by name and digest only: parsing it is the media build's work.
            let book = not_a_font.expect("kept");
            assert_eq!((book.find("X"), book.name(0)), (Some(0), "X"));
            let twice = [FontFile::new("X", b""), FontFile::new("X", b"")];
            assert!(FontBook::new(&twice).expect_err("refused").message.contains("supplied twice"));
        }
        let err = FontBook::new(&[FontFile::new(" ", b"")]).expect_err("refused");
        assert!(err.message.contains("empty name"));
    }
}
