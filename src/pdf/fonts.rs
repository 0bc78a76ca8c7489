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
use std::ops::Range;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;

use super::{Compression, Refs, deflated, write_stream};
use crate::Error;
use crate::fonts::{Face, FaceId, FontBook, Glyph};
use crate::layout::faces::char_at;
use crate::layout::{FaceRef, GlyphRun, Layout};

/// The glyphs a document uses from one face, renumbered for the subset.
#[derive(Default)]
struct Used {
    remapper: GlyphRemapper,
    /// Character -> new glyph ID.
    cids: HashMap<char, u16>,
    /// The character each new glyph ID shows (for ToUnicode), indexed by the ID (the
    /// remapper numbers glyphs from 0): the first character met wins.
    unicode: Vec<Option<char>>,
    /// New glyph ID -> the text a shaped glyph shows (its cluster's), for the glyphs
    /// that no character maps to directly: ligatures, contextual forms.
    shaped: HashMap<u16, String>,
    /// The glyphs (their IDs in the face) of marks in right-to-left text: they do not
    /// advance, but `/W` gives them the width of their outline (see [`Used::width`]).
    widened: std::collections::HashSet<u16>,
}

impl Used {
    /// The new ID of glyph `glyph`, mapped to `text` for ToUnicode if no shaped text
    /// maps it yet (a character's own mapping wins, see `write_face`; an empty text
    /// is replaced by the first that is not).
    fn add_shaped(&mut self, glyph: u16, text: String) -> u16 {
        let cid = self.remapper.remap(glyph);
        if glyph != 0 {
            let entry = self.shaped.entry(cid).or_default();
            if entry.is_empty() {
                *entry = text;
            }
        }
        cid
    }

    /// The width `/W` gives glyph `g` of `face`, in 1/1000 em: its advance, but for a
    /// mark of right-to-left text, which does not advance, the width of its outline, so
    /// that text extraction sees where it is drawn (poppler then keeps Hebrew points
    /// with their letters). Content streams move the pen back by the difference. Marks
    /// of left-to-right text stay 0 wide: there, a wider mark would close the gap
    /// before the next word.
    fn width(&self, face: &Face, g: u16) -> u16 {
        match self.widened.contains(&g) {
            true => face.ink_width(g),
            false => face.advance(g),
        }
    }

    /// Maps new glyph ID `cid` to `c` for ToUnicode, unless a character maps it already.
    fn map_char(&mut self, cid: u16, c: char) {
        let at = usize::from(cid);
        if self.unicode.len() <= at {
            self.unicode.resize(at + 1, None);
        }
        self.unicode[at].get_or_insert(c);
    }

    /// The character new glyph ID `cid` shows, if one maps it.
    fn char_of(&self, cid: u16) -> Option<char> {
        self.unicode.get(usize::from(cid)).copied().flatten()
    }

    /// The text ToUnicode maps new glyph ID `cid` to, if any.
    fn text_of(&self, cid: u16) -> Option<String> {
        match self.char_of(cid) {
            Some(c) => Some(c.to_string()),
            None => self.shaped.get(&cid).cloned(),
        }
    }
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
        let entry = used.entry(id).or_default();
        let text = layout.text(item);
        if let Some(run) = layout.glyphs(item) {
            let glyphs = &run.glyphs;
            for (glyph, meaning) in glyphs.iter().zip(glyph_texts(face, text, run)) {
                entry.add_shaped(glyph.id, meaning);
            }
            if run.rtl {
                entry.widened.extend(glyphs.iter().filter(|g| face.advance(g.id) == 0).map(|g| g.id));
            }
            continue;
        }
        for i in 0..text.len() {
            let Some(c) = char_at(text, i) else { continue };
            if entry.cids.contains_key(&c) {
                continue;
            }
            let glyph = face.glyph(c).map_or(0, |(g, _)| g);
            let cid = entry.remapper.remap(glyph);
            entry.cids.insert(c, cid);
            if glyph != 0 {
                entry.map_char(cid, c);
            }
        }
    }
    Embedded { used, book: Some(book) }
}

/// A run of 2-byte CIDs and how far to move after it, in thousandths of the font size
/// (a `TJ` adjustment: positive moves left).
pub(super) type Shown = (Vec<u8>, f32);

/// A piece of shaped text shown with one `TJ` at one rise.
pub(super) struct Segment {
    /// The `/ActualText` of a span that starts before it.
    pub begin: Option<String>,
    /// The rise in points (PDF `Ts`, 9.3.7).
    pub rise: f32,
    /// Whether a span ends after it.
    pub end: bool,
    /// The glyphs and moves.
    pub runs: Vec<Shown>,
}

impl Embedded<'_> {
    /// The resource name of face `id`: `E0`, `E1`, ….
    pub(super) fn resource_name(id: FaceId) -> String {
        format!("E{id}")
    }

    /// `text` (UTF-8) set in face `id` as runs of 2-byte CIDs, split where the face
    /// kerns a pair or where `word_spacing` (points, at `size`) widens a space.
    pub(super) fn encode(&self, id: FaceId, text: &[u8], word_spacing: f32, size: f32) -> Vec<Shown> {
        let used = self.used.get(&id);
        let cids = used.map(|u| &u.cids);
        let face = self.book.map(|b| b.face(id));
        // Marks of right-to-left text are wider in `/W` (see `Used::width`); almost
        // always there are none.
        let widened = used.filter(|u| !u.widened.is_empty());
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
            // A glyph that does not advance may be wider in `/W` (see `Used::width`).
            let back = match (face, widened) {
                (Some(f), Some(used)) => {
                    let g = glyph(c);
                    i32::from(used.width(f, g)) - i32::from(f.advance(g))
                }
                _ => 0,
            };
            let adjust = (back - kern) as f32 - spacing;
            if adjust != 0.0 {
                out.push((std::mem::take(&mut run), adjust));
            }
        }
        if !run.is_empty() || out.is_empty() {
            out.push((run, 0.0));
        }
        out
    }

    /// Shaped glyphs (from [`Layout::glyphs`], of UTF-8 `text`) set in face `id`, as
    /// pieces of one vertical offset ([`Segment`]) holding runs of 2-byte CIDs with `TJ`
    /// adjustments that put each glyph where the shaper placed it (its pen position and
    /// offset; `word_spacing`, points at `size`, widens each space) and end the text
    /// where its advances end. The glyphs are drawn in the shaper's (visual) order:
    /// poppler extracts Hebrew with points exactly from it.
    ///
    /// A left-to-right cluster whose glyphs' ToUnicode texts do not spell it (a
    /// Devanagari vowel sign drawn before its consonant) or that has a raised or
    /// lowered glyph (a Thai tone mark, which poppler would set on a line of its own)
    /// is marked with its text as `/ActualText`. Right-to-left clusters are not:
    /// readers reorder their glyphs from the ToUnicode texts, and would reverse an
    /// `/ActualText` too.
    pub(super) fn encode_shaped(
        &self,
        id: FaceId,
        (text, run): (&[u8], &GlyphRun),
        word_spacing: f32,
        size: f32,
    ) -> Vec<Segment> {
        let glyphs = &run.glyphs;
        let (Some(used), Some(book)) = (self.used.get(&id), self.book) else { return Vec::new() };
        let face = book.face(id);
        // Where each glyph is drawn, in 1/1000 em from the start, and where the text ends.
        let mut xs = Vec::with_capacity(glyphs.len());
        let mut pen = 0.0;
        for (glyph, is_space) in glyphs.iter().zip(spaces(text, glyphs)) {
            xs.push(pen + glyph.offset.0);
            pen += glyph.advance + if is_space { word_spacing * 1000.0 / size } else { 0.0 };
        }
        let mut out: Vec<Segment> = Vec::new();
        let mut at = 0.0; // where the text matrix is
        for (range, actual) in clusters(used, text, run) {
            let marked = actual.is_some();
            let mut actual = actual;
            for i in range {
                let glyph = &glyphs[i];
                let rise = glyph.offset.1 * size / 1000.0;
                let open = out.last().is_some_and(|s| !s.end && s.rise == rise) && actual.is_none();
                if !open {
                    out.push(Segment { begin: actual.take(), rise, end: false, runs: Vec::new() });
                }
                let Some(segment) = out.last_mut() else { continue };
                // A TJ number moves left.
                move_by(&mut segment.runs, xs[i] - at);
                let cid = used.remapper.get(glyph.id).unwrap_or(0);
                if let Some(run) = segment.runs.last_mut() {
                    run.0.extend_from_slice(&cid.to_be_bytes());
                }
                at = xs[i] + f32::from(used.width(face, glyph.id));
            }
            if let Some(segment) = out.last_mut().filter(|_| marked) {
                segment.end = true;
            }
        }
        if let Some(segment) = out.last_mut() {
            move_by(&mut segment.runs, pen - at);
            segment.runs.retain(|(cids, adjust)| !cids.is_empty() || *adjust != 0.0);
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

/// The text each of shaped `glyphs` (of UTF-8 `text`, set in `face`) stands for, as
/// its ToUnicode entry should read. Within each cluster (the bytes from its first
/// character to the next cluster's), a glyph that is the face's own glyph for one of
/// the cluster's characters (by the character map) stands for that character; the
/// characters no glyph claimed (those a ligature or a contextual form joins) go to the
/// cluster's first glyph that claimed none (else its first), in logical order. Glyphs that
/// claim nothing stand for nothing. In a right-to-left run, whose glyphs go in visual
/// order, a glyph's characters are reversed too: readers reverse them back with the
/// line.
fn glyph_texts(face: &Face, text: &[u8], run: &GlyphRun) -> Vec<String> {
    let (glyphs, rtl) = (&run.glyphs, run.rtl);
    // A cluster's glyphs are consecutive in the shaper's output; its text ends where
    // the next cluster in logical order starts.
    let mut starts: Vec<u32> = glyphs.iter().map(|g| g.cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut out = vec![String::new(); glyphs.len()];
    let mut first = 0;
    while first < glyphs.len() {
        let start = glyphs[first].cluster;
        let last = (first..glyphs.len()).find(|&i| glyphs[i].cluster != start).unwrap_or(glyphs.len());
        let members: Vec<usize> = (first..last).collect();
        first = last;
        let next = starts.partition_point(|&s| s <= start);
        let end = starts.get(next).map_or(text.len(), |&e| e as usize).min(text.len());
        let chars: Vec<char> =
            meant(std::str::from_utf8(&text[(start as usize).min(end)..end]).unwrap_or("")).collect();
        // Which glyph each character goes to: its own glyph if one of the members is,
        // else the first member that is no character's own glyph (a joined form).
        let mut owner: Vec<Option<usize>> = vec![None; chars.len()];
        let mut claimed = vec![false; glyphs.len()];
        for (c, slot) in chars.iter().zip(owner.iter_mut()) {
            let nominal = face.glyph(*c).map(|(g, _)| g);
            if let Some(&m) = members.iter().find(|&&m| !claimed[m] && Some(glyphs[m].id) == nominal) {
                *slot = Some(m);
                claimed[m] = true;
            }
        }
        let rest = members.iter().copied().find(|&m| !claimed[m]).unwrap_or(members[0]);
        let owner: Vec<usize> = owner.into_iter().map(|o| o.unwrap_or(rest)).collect();
        for (c, &m) in chars.iter().zip(&owner) {
            out[m].push(*c);
        }
    }
    if rtl {
        for t in out.iter_mut().filter(|t| t.chars().nth(1).is_some()) {
            *t = t.chars().rev().collect();
        }
    }
    out
}

/// The clusters of a shaped run (of UTF-8 `text`), as ranges of consecutive glyphs,
/// each with its text if it is to be marked with `/ActualText` (see
/// [`Embedded::encode_shaped`]).
fn clusters(used: &Used, text: &[u8], run: &GlyphRun) -> Vec<(Range<usize>, Option<String>)> {
    let glyphs = &run.glyphs;
    let mut out: Vec<(Range<usize>, Option<String>)> = Vec::new();
    let mut start = 0;
    while start < glyphs.len() {
        let cluster = glyphs[start].cluster;
        let end = (start..glyphs.len()).find(|&i| glyphs[i].cluster != cluster).unwrap_or(glyphs.len());
        out.push((start..end, None));
        start = end;
    }
    if run.rtl {
        return out;
    }
    let bounds: Vec<usize> = out.iter().map(|(r, _)| glyphs[r.start].cluster as usize).chain([text.len()]).collect();
    for (k, (range, actual)) in out.iter_mut().enumerate() {
        let own: String =
            meant(std::str::from_utf8(&text[bounds[k].min(text.len())..bounds[k + 1].min(text.len())]).unwrap_or(""))
                .collect();
        let spelt: String = glyphs[range.clone()]
            .iter()
            .filter_map(|g| used.remapper.get(g.id).and_then(|cid| used.text_of(cid)))
            .collect();
        // A raised mark, or a mark at all beside its base: poppler would set it apart.
        let marked = range.len() > 1 && glyphs[range.clone()].iter().any(|g| g.advance == 0.0);
        let raised = glyphs[range.clone()].iter().any(|g| g.offset.1 != 0.0);
        if spelt != own || raised || marked {
            *actual = Some(own);
        }
    }
    out
}

/// The characters a cluster's text stands for: all of them but the soft hyphens after
/// its first character, which a line that does not break at them hides (their glyphs
/// are dropped: see `layout::complex`); a cluster of its own soft hyphen is the hyphen
/// shown at a break.
fn meant(cluster: &str) -> impl Iterator<Item = char> + '_ {
    cluster.chars().enumerate().filter(|&(i, c)| i == 0 || c != '\u{AD}').map(|(_, c)| c)
}

/// Appends a move of `by` (1/1000 em, rightwards) to `runs`, then an empty run for
/// what comes after it. Moves of less than 0.005 units are not written.
fn move_by(runs: &mut Vec<Shown>, by: f32) {
    if by.abs() < 0.005 && !runs.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(last) => last.1 -= by,
        None => runs.push((Vec::new(), -by)),
    }
    runs.push((Vec::new(), 0.0));
}

/// Whether each of shaped `glyphs` shows a space: the byte its cluster starts at is
/// b' ' (a space is a cluster of its own).
fn spaces(text: &[u8], glyphs: &[Glyph]) -> Vec<bool> {
    glyphs.iter().map(|g| text.get(g.cluster as usize) == Some(&b' ')).collect()
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
    let widths: Vec<f32> = used.remapper.remapped_gids().map(|g| f32::from(used.width(face, g))).collect();
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
    for (g, c) in used.unicode.iter().enumerate().filter_map(|(g, c)| Some((g as u16, (*c)?))) {
        unicode.pair(g, c);
    }
    let mut shaped: Vec<(&u16, &String)> = used.shaped.iter().filter(|(g, _)| used.char_of(**g).is_none()).collect();
    shaped.sort_unstable();
    for (&g, text) in shaped {
        unicode.pair_with_multiple(g, text.chars());
    }
    write_stream(pdf, cmap, &unicode.finish(), compression);
    Ok(type0)
}
