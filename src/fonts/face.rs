//! A supplied face, parsed with ttf-parser (builds with the `media` feature).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use ttf_parser::GlyphId;

use super::kerning::Kerning;
use super::{Descriptor, FontFile, Glyph};

/// What a shaping plan is made for: right to left or not, and the script.
type PlanKey = (bool, rustybuzz::Script);

/// A parsed face with a cache of the glyphs looked up so far.
pub struct Face<'d> {
    /// The name it was supplied under.
    pub name: &'d str,
    /// The file's bytes.
    pub data: &'d [u8],
    face: ttf_parser::Face<'d>,
    /// Glyph and advance (1/1000 em) of each character looked up, `None` if missing.
    glyphs: RefCell<HashMap<char, Option<(u16, u16)>>>,
    /// Where the pair kerning comes from.
    kerning: Kerning,
    /// Kerning (1/1000 em) of each glyph pair looked up.
    kerns: RefCell<HashMap<(u16, u16), i32>>,
    /// rustybuzz's shaping plans made so far, by direction (right to left) and script:
    /// a plan gathers the face's lookups for them, which takes longer than shaping a
    /// line.
    plans: RefCell<Vec<(PlanKey, Rc<rustybuzz::ShapePlan>)>>,
}

impl std::fmt::Debug for Face<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Face({:?}, {} bytes)", self.name, self.data.len())
    }
}

impl<'d> Face<'d> {
    /// Parses a supplied file.
    ///
    /// # Errors
    /// A message (the file's name first) for a file that is not a TrueType or OpenType
    /// font or has no character map.
    pub fn parse(file: FontFile<'d>) -> Result<Self, String> {
        let face = ttf_parser::Face::parse(file.data, 0)
            .map_err(|e| format!("`{}` is not a TrueType or OpenType font: {e}", file.name))?;
        if face.tables().cmap.is_none() {
            return Err(format!("`{}` has no character map (cmap table)", file.name));
        }
        if let Some(name) = face.raw_face().table(ttf_parser::Tag::from_bytes(b"name")) {
            check_name_table(name)
                .map_err(|why| format!("`{}` has a damaged naming table (name): {why}", file.name))?;
        }
        Ok(Face {
            name: file.name,
            data: file.data,
            kerning: Kerning::of(&face),
            face,
            glyphs: RefCell::new(HashMap::new()),
            kerns: RefCell::new(HashMap::new()),
            plans: RefCell::new(Vec::new()),
        })
    }

    /// The glyph of `c` and its advance in 1/1000 em, or `None` if the face lacks it.
    pub fn glyph(&self, c: char) -> Option<(u16, u16)> {
        if let Some(&hit) = self.glyphs.borrow().get(&c) {
            return hit;
        }
        let found = self.face.glyph_index(c).filter(|g| g.0 != 0).map(|g| (g.0, self.advance(g.0)));
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
    pub fn advance(&self, g: u16) -> u16 {
        let units = u32::from(self.face.glyph_hor_advance(GlyphId(g)).unwrap_or(0));
        (units * 1000 / u32::from(self.face.units_per_em().max(1))) as u16
    }

    /// Shapes `text` (one face, one direction: a run of a line) with rustybuzz,
    /// HarfBuzz's port to Rust: the face's GSUB substitutions (Arabic joining forms,
    /// ligatures, Indic reordering) and GPOS positions (kerning, marks), the script
    /// and language guessed from the text as `hb_buffer_guess_segment_properties`
    /// does. The glyphs come in visual order: reversed from the text for `rtl`.
    ///
    /// rustybuzz's face is made for each call (it reads the layout tables' headers):
    /// kept in the face, it would tie the face's lifetime to the file's. Its shaping
    /// plans are kept, one per direction and script.
    pub fn shape(&self, text: &str, rtl: bool) -> Vec<Glyph> {
        self.shape_hyphenated(text, rtl, None)
    }

    /// [`Face::shape`], with the soft hyphen (U+00AD) at byte `hyphen` of `text`, if
    /// given, drawn as the hyphen [`Face::hyphen`] chooses, in its cluster: the line
    /// breaks there. (A shaper hides soft hyphens: they are default ignorable, The
    /// Unicode Standard 5.21.)
    pub fn shape_hyphenated(&self, text: &str, rtl: bool, hyphen: Option<usize>) -> Vec<Glyph> {
        let shaper = rustybuzz::Face::from_face(self.face.clone());
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        match hyphen {
            None => buffer.push_str(text),
            Some(at) => {
                let shown = self.hyphen();
                for (i, c) in text.char_indices() {
                    buffer.add(if i == at && c == '\u{AD}' { shown } else { c }, i as u32);
                }
            }
        }
        buffer.set_direction(if rtl { rustybuzz::Direction::RightToLeft } else { rustybuzz::Direction::LeftToRight });
        buffer.guess_segment_properties();
        let key = (rtl, buffer.script());
        let known = self.plans.borrow().iter().find(|(k, _)| *k == key).map(|(_, plan)| plan.clone());
        let plan = known.unwrap_or_else(|| {
            let language = buffer.language();
            let plan = rustybuzz::ShapePlan::new(&shaper, buffer.direction(), Some(key.1), language.as_ref(), &[]);
            let plan = Rc::new(plan);
            self.plans.borrow_mut().push((key, plan.clone()));
            plan
        });
        let shaped = rustybuzz::shape_with_plan(&shaper, &plan, buffer);
        let scale = 1000.0 / f32::from(self.face.units_per_em().max(1));
        shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, pos)| Glyph {
                id: info.glyph_id as u16,
                cluster: info.cluster,
                advance: pos.x_advance as f32 * scale,
                offset: (pos.x_offset as f32 * scale, pos.y_offset as f32 * scale),
            })
            .collect()
    }

    /// The character a soft hyphen shows as where a line breaks at it: U+2010 HYPHEN if
    /// the face has it, else U+002D HYPHEN-MINUS, else the soft hyphen itself (which a
    /// shaper hides).
    pub fn hyphen(&self) -> char {
        ['\u{2010}', '-'].into_iter().find(|&c| self.glyph(c).is_some()).unwrap_or('\u{AD}')
    }

    /// The advance of [`Face::hyphen`] in 1/1000 em, as it is drawn at a line break.
    pub fn hyphen_units(&self) -> f32 {
        self.shape(&self.hyphen().to_string(), false).iter().map(|g| g.advance).sum()
    }

    /// Whether the face has a glyph for `c` (tab and line breaks count as printable:
    /// the layout turns them into spaces and new lines).
    pub fn has(&self, c: char) -> bool {
        matches!(c, '\n' | '\r' | '\t') || self.glyph(c).is_some()
    }

    /// The width of glyph `g`'s outline in 1/1000 em (0 for a glyph without one).
    pub fn ink_width(&self, g: u16) -> u16 {
        self.face.glyph_bounding_box(GlyphId(g)).map_or(0, |b| {
            let width = i32::from(b.x_max) - i32::from(b.x_min);
            (width.max(0) * 1000 / i32::from(self.face.units_per_em().max(1))) as u16
        })
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

    /// Whether the face has CFF (PostScript) outlines, not TrueType ones: PDF embeds
    /// those as a `CIDFontType0` with a `FontFile3` (PDF 32000-1:2008, 9.7.4, 9.9). A
    /// `CFF ` table counts even when ttf-parser cannot read it (it then leaves the
    /// parsed table out).
    pub fn is_cff(&self) -> bool {
        self.face.raw_face().table(ttf_parser::Tag::from_bytes(b"CFF ")).is_some()
    }

    /// The CFF font program (the `CFF ` table) of an OpenType file, such as a subset of
    /// a CFF face; `None` if it has none or cannot be read.
    pub fn cff_program(otf: &[u8]) -> Option<&[u8]> {
        ttf_parser::RawFace::parse(otf, 0).ok()?.table(ttf_parser::Tag::from_bytes(b"CFF "))
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

/// Checks that the subsetter can copy a version-0 naming table (OpenType spec, "name:
/// Naming table"): every record it keeps (a Unicode one with a name ID of 0-9 or 11-14)
/// has `stringOffset + length` within 16 bits, the kept strings fit 64 KiB of storage,
/// and the kept records' header fits 16 bits. subsetter 0.2 adds those as `u16`, which
/// overflows on a damaged table (a panic in builds with overflow checks, a garbled
/// table without). Other versions are copied as they are.
///
/// # Errors
/// What is wrong, for the font's error message.
fn check_name_table(table: &[u8]) -> Result<(), String> {
    let be16 = |at: usize| table.get(at..at + 2).map(|b| u32::from(u16::from_be_bytes([b[0], b[1]])));
    if be16(0) != Some(0) {
        return Ok(());
    }
    let count = be16(2).ok_or("the table is cut short")? as usize;
    let mut kept = 0usize;
    let mut storage = 0u32;
    let mut seen = std::collections::HashSet::new();
    for i in 0..count {
        let at = 6 + 12 * i;
        let field = |k: usize| be16(at + 2 * k).ok_or_else(|| format!("record {i} is cut short"));
        let (platform, encoding, name_id) = (field(0)?, field(1)?, field(3)?);
        let unicode = platform == 0 || (platform == 3 && matches!(encoding, 0 | 1 | 10));
        if !unicode || !matches!(name_id, 0..=9 | 11..=14) {
            continue;
        }
        let (length, offset) = (field(4)?, field(5)?);
        if offset + length > u32::from(u16::MAX) {
            return Err(format!("record {i} ends past 64 KiB of storage"));
        }
        kept += 1;
        if seen.insert((offset, length)) {
            storage += length;
        }
    }
    if storage > u32::from(u16::MAX) || 6 + 12 * kept > usize::from(u16::MAX) {
        return Err("its names take more than 64 KiB".to_owned());
    }
    Ok(())
}
