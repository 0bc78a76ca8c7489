//! Supplied fonts embedded as subsets (PDF 32000-1:2008, 9.7 and 9.9): a Type 0 font
//! with `Identity-H` encoding over a CIDFont whose CIDs are the glyph IDs of a subset
//! made by the subsetter crate, the widths of those glyphs (`/W`), a font descriptor
//! with the subset, and a `ToUnicode` CMap (9.10.3), so text can be searched and
//! copied. TrueType outlines make a `CIDFontType2` with the subset as `FontFile2`; CFF
//! outlines a `CIDFontType0` with the subset's CID-keyed CFF program as `FontFile3`
//! of subtype `CIDFontType0C`.
//!
//! Content streams show 2-byte CIDs; where a justified line widens its spaces, the
//! widening is a `TJ` adjustment after each space (word spacing `Tw` applies only to
//! single-byte code 32, 9.3.3).

use std::collections::HashMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;

use super::{Compression, Refs, deflated, write_stream};
use crate::Error;
use crate::fonts::{Face, FaceId, FontBook};
use crate::layout::faces::char_at;
use crate::layout::{FaceRef, Layout};

/// The glyphs a document uses from one face, renumbered for the subset.
struct Used {
    remapper: GlyphRemapper,
    /// Character -> new glyph ID.
    cids: HashMap<char, u16>,
    /// New glyph ID -> the character it shows (for ToUnicode).
    unicode: Vec<(u16, char)>,
}

/// The supplied faces a document uses, and how their text is encoded.
#[derive(Default)]
pub(super) struct Embedded<'b> {
    used: HashMap<FaceId, Used>,
    book: Option<&'b FontBook<'b>>,
}

/// Collects the glyphs of every text item set in a supplied face.
pub(super) fn collect<'b>(layout: &Layout, book: &'b FontBook<'b>) -> Embedded<'b> {
    let mut used: HashMap<FaceId, Used> = HashMap::new();
    for item in layout.text_items() {
        let FaceRef::Embedded(id) = item.font else { continue };
        let face = book.face(id);
        let entry = used.entry(id).or_insert_with(|| Used {
            remapper: GlyphRemapper::new(),
            cids: HashMap::new(),
            unicode: Vec::new(),
        });
        let text = layout.text(item);
        for i in 0..text.len() {
            let Some(c) = char_at(text, i) else { continue };
            if entry.cids.contains_key(&c) {
                continue;
            }
            let glyph = face.glyph(c).map_or(0, |(g, _)| g);
            let cid = entry.remapper.remap(glyph);
            entry.cids.insert(c, cid);
            if glyph != 0 {
                entry.unicode.push((cid, c));
            }
        }
    }
    Embedded { used, book: Some(book) }
}

/// A run of 2-byte CIDs and how far to move after it, in thousandths of the font size
/// (a `TJ` adjustment: positive moves left).
pub(super) type Shown = (Vec<u8>, f32);

impl Embedded<'_> {
    /// The resource name of face `id`: `E0`, `E1`, ….
    pub(super) fn resource_name(id: FaceId) -> String {
        format!("E{id}")
    }

    /// `text` (UTF-8) set in face `id` as runs of 2-byte CIDs, split where the face
    /// kerns a pair or where `word_spacing` (points, at `size`) widens a space.
    pub(super) fn encode(&self, id: FaceId, text: &[u8], word_spacing: f32, size: f32) -> Vec<Shown> {
        let cids = self.used.get(&id).map(|u| &u.cids);
        let face = self.book.map(|b| b.face(id));
        let glyph = |c: char| face.and_then(|f| f.glyph(c)).map_or(0, |(g, _)| g);
        let chars: Vec<char> = (0..text.len()).filter_map(|i| char_at(text, i)).collect();
        let mut out: Vec<Shown> = Vec::new();
        let mut run = Vec::with_capacity(chars.len() * 2);
        for (k, &c) in chars.iter().enumerate() {
            let cid = cids.and_then(|m| m.get(&c)).copied().unwrap_or(0);
            run.extend_from_slice(&cid.to_be_bytes());
            let kern = match (face, chars.get(k + 1)) {
                (Some(f), Some(&next)) => f.kern(glyph(c), glyph(next)),
                _ => 0,
            };
            let spacing = if c == ' ' { word_spacing * 1000.0 / size } else { 0.0 };
            let adjust = -(kern as f32) - spacing;
            if adjust != 0.0 {
                out.push((std::mem::take(&mut run), adjust));
            }
        }
        if !run.is_empty() || out.is_empty() {
            out.push((run, 0.0));
        }
        out
    }

    /// The face ids used, in order.
    pub(super) fn ids(&self) -> Vec<FaceId> {
        let mut ids: Vec<FaceId> = self.used.keys().copied().collect();
        ids.sort_unstable();
        ids
    }

    /// Writes every used face; returns (face, Type 0 font reference) pairs in id order.
    ///
    /// # Errors
    /// As [`write_face`].
    pub(super) fn write(
        &self,
        pdf: &mut Pdf,
        refs: &mut Refs,
        book: &FontBook,
        compression: Compression,
    ) -> Result<Vec<(FaceId, Ref)>, Error> {
        self.ids()
            .into_iter()
            .map(|id| Ok((id, write_face(pdf, refs, (book, id), &self.used[&id], compression)?)))
            .collect()
    }
}

/// The subset tag: six capital letters from the face's name and its glyph set (PDF
/// 32000-1:2008, 9.6.4), so different subsets in one file have different tags. The name
/// is unique in the book; hashing the file instead would cost 2 ms a face.
fn subset_tag(name: &str, used: &Used) -> String {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([0]);
    for g in used.remapper.remapped_gids() {
        h.update(g.to_be_bytes());
    }
    h.finalize()[..6].iter().map(|b| char::from(b'A' + b % 26)).collect()
}

/// Writes face `id` of `book` as a subset of the glyphs in `used`.
///
/// # Errors
/// [`Error::Options`] at `fonts[id]` for a face with CFF outlines that the subsetter
/// cannot read. A TrueType face is then embedded whole, its CIDs mapped to its glyph
/// IDs by a `CIDToGIDMap`; a `CIDFontType0` has no such map (Table 117), and its CIDs
/// would select the wrong glyphs.
fn write_face(
    pdf: &mut Pdf,
    refs: &mut Refs,
    (book, id): (&FontBook, FaceId),
    used: &Used,
    compression: Compression,
) -> Result<Ref, Error> {
    let face = book.face(id);
    let (type0, cid_font, descriptor, file, cmap) = (refs.next(), refs.next(), refs.next(), refs.next(), refs.next());
    let name = format!("{}+{}", subset_tag(book.name(id), used), face.postscript_name());
    let system = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

    // The subset. The subsetter makes a CFF face's program CID-keyed with CID = new
    // glyph ID, embedded as the bare CFF program. A TrueType face it cannot handle is
    // embedded whole, with a map from the CIDs written to its own glyph IDs; a CFF one
    // is an error (see above).
    let cff = face.is_cff();
    let unusable = |why: String| Error::Options {
        path: format!("fonts[{id}]"),
        message: format!("`{}` has CFF outlines that cannot be subset: {why}", book.name(id)),
    };
    let (program, gid_map) = match (subsetter::subset(face.data, 0, &used.remapper), cff) {
        (Ok(subset), false) => (subset, None),
        (Ok(subset), true) => (
            Face::cff_program(&subset).ok_or_else(|| unusable("the subset has no CFF table".to_owned()))?.to_vec(),
            None,
        ),
        (Err(e), true) => return Err(unusable(e.to_string())),
        (Err(_), false) => {
            let map: Vec<u8> = used.remapper.remapped_gids().flat_map(u16::to_be_bytes).collect();
            (face.data.to_vec(), Some(map))
        }
    };

    pdf.type0_font(type0)
        .base_font(Name(name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(cmap);

    let map_ref = gid_map.as_ref().map(|_| refs.next());
    let mut cid = pdf.cid_font(cid_font);
    let subtype = if cff { CidFontType::Type0 } else { CidFontType::Type2 };
    cid.subtype(subtype).base_font(Name(name.as_bytes())).system_info(system).font_descriptor(descriptor);
    // CIDToGIDMap belongs to CIDFontType2 only (Table 117).
    match map_ref {
        Some(r) => {
            cid.cid_to_gid_map_stream(r);
        }
        None if !cff => {
            cid.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        None => {}
    }
    let widths: Vec<f32> = used.remapper.remapped_gids().map(|g| f32::from(face.advance(g))).collect();
    cid.widths().consecutive(0, widths);
    cid.finish();
    if let (Some(r), Some(map)) = (map_ref, &gid_map) {
        write_stream(pdf, r, map, compression);
    }

    let d = face.descriptor();
    let mut flags = FontFlags::SYMBOLIC;
    if d.monospaced {
        flags |= FontFlags::FIXED_PITCH;
    }
    if d.italic_angle != 0.0 {
        flags |= FontFlags::ITALIC;
    }
    let mut descriptor = pdf.font_descriptor(descriptor);
    descriptor
        .name(Name(name.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(d.bbox[0], d.bbox[1], d.bbox[2], d.bbox[3]))
        .italic_angle(d.italic_angle)
        .ascent(d.ascent)
        .descent(d.descent)
        .cap_height(d.cap_height)
        .stem_v(80.0);
    if cff {
        descriptor.font_file3(file)
    } else {
        descriptor.font_file2(file)
    };
    descriptor.finish();
    let packed = deflated(&program, compression);
    let mut stream = pdf.stream(file, packed.as_deref().unwrap_or(&program));
    if cff {
        // A CFF CIDFont program (Table 126).
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    } else {
        // `/Length1`: the length of the TrueType program before compression (Table 127).
        stream.pair(Name(b"Length1"), program.len() as i32);
    }
    if packed.is_some() {
        stream.filter(Filter::FlateDecode);
    }
    stream.finish();

    let mut unicode = UnicodeCmap::new(Name(b"Custom"), system);
    for &(g, c) in &used.unicode {
        unicode.pair(g, c);
    }
    write_stream(pdf, cmap, &unicode.finish(), compression);
    Ok(type0)
}
