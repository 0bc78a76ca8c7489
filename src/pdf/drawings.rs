//! SVG drawings as Form XObjects (PDF 32000-1:2008, 8.10): usvg's normalised tree drawn
//! with pdf-writer's content operators, so paths stay vectors at any zoom.
//!
//! Each drawing is one form whose space is the SVG's own (user units, y down); its
//! `/Matrix` maps that onto the unit square, y up, so a page places a drawing exactly
//! like an image. Within it:
//! - paths are filled (nonzero or even-odd) and stroked (width, caps, joins, miter
//!   limit, dashes), in SVG paint order, quadratic segments raised to cubic ones;
//! - colours are DeviceRGB; fill and stroke opacity are `/ca` and `/CA` in an
//!   ExtGState (11.6.4.4);
//! - linear and radial gradients are axial and radial shading patterns (8.7.4.5.3 and
//!   .4) over a stitching function of linear pieces, one between each pair of stops;
//! - a group's transform is `cm`; its opacity paints its content as one transparency
//!   group (11.6.6), so overlapping children do not show through each other;
//! - a clip path is its paths, transformed into the group's space, as one clipping
//!   path (`W n`, 8.5.4), with the first path's clip rule.
//!
//! What is not drawn (filters, masks, pattern paint, reflected and repeated gradients,
//! blend modes) is listed by `svg::parse` as the drawing's warnings.

use std::collections::HashMap;

use pdf_writer::types::{FunctionShadingType, LineCapStyle, LineJoinStyle};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref};
use usvg::tiny_skia_path::{PathSegment, Point};
use usvg::{BaseGradient, ClipPath, FillRule, Group, Node, Paint, Path, Transform};

use super::{Compression, Refs, deflated};
use crate::svg::Drawing;

/// Writes every drawing once as a form XObject and returns its reference, in block order.
pub(super) fn write(pdf: &mut Pdf, refs: &mut Refs, drawings: &[Drawing], compression: Compression) -> Vec<Ref> {
    let mut painter = Painter { pdf, refs, compression, alphas: HashMap::new(), functions: HashMap::new(), names: 0 };
    drawings.iter().map(|d| painter.drawing(d)).collect()
}

/// The objects a drawing's content uses, by resource name.
#[derive(Default)]
struct Used {
    states: Vec<(String, Ref)>,
    patterns: Vec<(String, Ref)>,
    forms: Vec<(String, Ref)>,
}

/// One content stream being written: its operators, what they use, and the transform
/// from its space to the drawing's (for shading patterns, which live in the space of
/// the stream that paints them).
struct Canvas {
    content: Content,
    used: Used,
    base: Transform,
}

impl Canvas {
    fn new(base: Transform) -> Self {
        Canvas { content: Content::new(), used: Used::default(), base }
    }
}

struct Painter<'p> {
    pdf: &'p mut Pdf,
    refs: &'p mut Refs,
    compression: Compression,
    /// ExtGStates by (fill alpha, stroke alpha), shared by every drawing.
    alphas: HashMap<(u32, u32), Ref>,
    /// Each set of gradient stops' colour function, written once however many shapes
    /// use it (usvg makes a gradient in bounding-box units anew for each shape).
    functions: HashMap<Vec<(u32, [u8; 3])>, Ref>,
    /// Resource names handed out, to keep them unique within a file.
    names: usize,
}

impl Painter<'_> {
    fn drawing(&mut self, drawing: &Drawing) -> Ref {
        let size = drawing.tree.size();
        let (w, h) = (size.width(), size.height());
        let mut canvas = Canvas::new(Transform::identity());
        self.children(&mut canvas, drawing.tree.root());
        let bbox = Rect::new(0.0, 0.0, w, h);
        self.form(canvas, bbox, [1.0 / w, 0.0, 0.0, -1.0 / h, 0.0, 1.0], false)
    }

    /// Writes `canvas` as a form XObject; `group` makes it a transparency group.
    fn form(&mut self, canvas: Canvas, bbox: Rect, matrix: [f32; 6], group: bool) -> Ref {
        let id = self.refs.next();
        let raw = canvas.content.finish().into_vec();
        let packed = deflated(&raw, self.compression);
        let mut form = self.pdf.form_xobject(id, packed.as_deref().unwrap_or(&raw));
        form.bbox(bbox).matrix(matrix);
        if packed.is_some() {
            form.filter(pdf_writer::Filter::FlateDecode);
        }
        if group {
            form.group().transparency().isolated(false);
        }
        let mut resources = form.resources();
        let used = &canvas.used;
        if !used.states.is_empty() {
            pairs(resources.ext_g_states(), &used.states);
        }
        if !used.patterns.is_empty() {
            pairs(resources.patterns(), &used.patterns);
        }
        if !used.forms.is_empty() {
            pairs(resources.x_objects(), &used.forms);
        }
        id
    }

    fn name(&mut self, prefix: &str) -> String {
        self.names += 1;
        format!("{prefix}{}", self.names)
    }

    fn children(&mut self, canvas: &mut Canvas, group: &Group) {
        for node in group.children() {
            match node {
                Node::Group(g) => self.group(canvas, g),
                Node::Path(p) => self.path(canvas, p),
                // Images resolve to nothing and text needs usvg's `text` feature:
                // neither reaches the tree (see `svg`).
                Node::Image(_) | Node::Text(_) => {}
            }
        }
    }

    fn group(&mut self, canvas: &mut Canvas, g: &Group) {
        canvas.content.save_state();
        if !g.transform().is_identity() {
            canvas.content.transform(matrix(g.transform()));
        }
        if let Some(clip) = g.clip_path() {
            clip_to(&mut canvas.content, clip);
        }
        let opacity = g.opacity().get();
        if opacity < 1.0 {
            let mut inner = Canvas::new(g.abs_transform());
            self.children(&mut inner, g);
            let r = g.layer_bounding_box();
            let bbox = Rect::new(r.left(), r.top(), r.right(), r.bottom());
            let form = self.form(inner, bbox, [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], true);
            let form_name = self.name("Fm");
            let state = self.alpha(canvas, opacity, opacity);
            canvas.content.set_parameters(Name(state.as_bytes())).x_object(Name(form_name.as_bytes()));
            canvas.used.forms.push((form_name, form));
        } else {
            self.children(canvas, g);
        }
        canvas.content.restore_state();
    }

    fn path(&mut self, canvas: &mut Canvas, p: &Path) {
        if !p.is_visible() {
            return;
        }
        match p.paint_order() {
            usvg::PaintOrder::FillAndStroke => {
                self.fill(canvas, p);
                self.stroke(canvas, p);
            }
            usvg::PaintOrder::StrokeAndFill => {
                self.stroke(canvas, p);
                self.fill(canvas, p);
            }
        }
    }

    fn fill(&mut self, canvas: &mut Canvas, p: &Path) {
        let Some(fill) = p.fill() else { return };
        canvas.content.save_state();
        if self.paint(canvas, fill.paint(), fill.opacity().get(), p.abs_transform(), true) {
            outline(&mut canvas.content, p.data(), Transform::identity());
            match fill.rule() {
                FillRule::NonZero => canvas.content.fill_nonzero(),
                FillRule::EvenOdd => canvas.content.fill_even_odd(),
            };
        }
        canvas.content.restore_state();
    }

    fn stroke(&mut self, canvas: &mut Canvas, p: &Path) {
        let Some(stroke) = p.stroke() else { return };
        canvas.content.save_state();
        if self.paint(canvas, stroke.paint(), stroke.opacity().get(), p.abs_transform(), false) {
            let c = &mut canvas.content;
            c.set_line_width(stroke.width().get());
            c.set_line_cap(match stroke.linecap() {
                usvg::LineCap::Butt => LineCapStyle::ButtCap,
                usvg::LineCap::Round => LineCapStyle::RoundCap,
                usvg::LineCap::Square => LineCapStyle::ProjectingSquareCap,
            });
            c.set_line_join(match stroke.linejoin() {
                usvg::LineJoin::Miter | usvg::LineJoin::MiterClip => LineJoinStyle::MiterJoin,
                usvg::LineJoin::Round => LineJoinStyle::RoundJoin,
                usvg::LineJoin::Bevel => LineJoinStyle::BevelJoin,
            });
            c.set_miter_limit(stroke.miterlimit().get());
            if let Some(dashes) = stroke.dasharray().filter(|_| !crate::svg::too_fine(stroke, p)) {
                c.set_dash_pattern(dashes.iter().copied(), stroke.dashoffset());
            }
            outline(c, p.data(), Transform::identity());
            c.stroke();
        }
        canvas.content.restore_state();
    }

    /// Sets the fill (or stroke) paint and its opacity; false for a paint that is not
    /// drawn (a pattern).
    fn paint(&mut self, canvas: &mut Canvas, paint: &Paint, opacity: f32, at: Transform, fill: bool) -> bool {
        let (opacity, pattern) = match paint {
            Paint::Color(c) => {
                let [r, g, b] = [c.red, c.green, c.blue].map(|v| f32::from(v) / 255.0);
                if fill {
                    canvas.content.set_fill_rgb(r, g, b);
                } else {
                    canvas.content.set_stroke_rgb(r, g, b);
                }
                (opacity, None)
            }
            Paint::LinearGradient(lg) => {
                let coords = [lg.x1(), lg.y1(), lg.x2(), lg.y2()];
                (opacity * stop_opacity(lg), Some(self.shading(canvas, lg, FunctionShadingType::Axial, &coords, at)))
            }
            Paint::RadialGradient(rg) => {
                let coords = [rg.fx(), rg.fy(), rg.fr().get(), rg.cx(), rg.cy(), rg.r().get()];
                (opacity * stop_opacity(rg), Some(self.shading(canvas, rg, FunctionShadingType::Radial, &coords, at)))
            }
            Paint::Pattern(_) => return false,
        };
        if let Some(name) = pattern {
            let n = Name(name.as_bytes());
            if fill {
                canvas
                    .content
                    .set_fill_color_space(pdf_writer::types::ColorSpaceOperand::Pattern)
                    .set_fill_pattern(None, n);
            } else {
                canvas
                    .content
                    .set_stroke_color_space(pdf_writer::types::ColorSpaceOperand::Pattern)
                    .set_stroke_pattern(None, n);
            }
        }
        if opacity < 1.0 {
            let state = if fill { self.alpha(canvas, opacity, 1.0) } else { self.alpha(canvas, 1.0, opacity) };
            canvas.content.set_parameters(Name(state.as_bytes()));
        }
        true
    }

    /// A shading pattern for a gradient painted on a path at `at` (its absolute
    /// transform); returns its resource name.
    fn shading(
        &mut self,
        canvas: &mut Canvas,
        gradient: &BaseGradient,
        kind: FunctionShadingType,
        coords: &[f32],
        at: Transform,
    ) -> String {
        let function = self.function(gradient);
        let id = self.refs.next();
        let mut pattern = self.pdf.shading_pattern(id);
        let mut shading = pattern.function_shading();
        shading.shading_type(kind).function(function).coords(coords.iter().copied()).extend([true, true]);
        shading.color_space().device_rgb();
        shading.finish();
        let space = canvas.base.invert().unwrap_or_default().pre_concat(at).pre_concat(gradient.transform());
        pattern.matrix(matrix(space));
        pattern.finish();
        let name = self.name("Sh");
        canvas.used.patterns.push((name.clone(), id));
        name
    }

    /// The colour function of a gradient's stops: linear pieces (Type 2, N = 1) stitched
    /// together (Type 3, PDF 32000-1:2008, 7.10.3 and 7.10.4), the first and last
    /// colours extended to offsets 0 and 1.
    fn function(&mut self, gradient: &BaseGradient) -> Ref {
        let stops: Vec<(u32, [u8; 3])> = gradient
            .stops()
            .iter()
            .map(|s| (s.offset().get().to_bits(), [s.color().red, s.color().green, s.color().blue]))
            .collect();
        if let Some(&id) = self.functions.get(&stops) {
            return id;
        }
        let id = self.write_function(gradient);
        self.functions.insert(stops, id);
        id
    }

    fn write_function(&mut self, gradient: &BaseGradient) -> Ref {
        let mut stops: Vec<(f32, [f32; 3])> = gradient
            .stops()
            .iter()
            .map(|s| (s.offset().get(), [s.color().red, s.color().green, s.color().blue].map(|v| f32::from(v) / 255.0)))
            .collect();
        match (stops.first().copied(), stops.last().copied()) {
            (Some(first), Some(last)) => {
                stops.insert(0, (0.0, first.1));
                stops.push((1.0, last.1));
            }
            _ => stops = vec![(0.0, [0.0; 3]), (1.0, [0.0; 3])],
        }
        let pieces: Vec<Ref> = stops
            .windows(2)
            .map(|pair| {
                let id = self.refs.next();
                self.pdf.exponential_function(id).domain([0.0, 1.0]).c0(pair[0].1).c1(pair[1].1).n(1.0);
                id
            })
            .collect();
        let id = self.refs.next();
        let bounds = stops[1..stops.len() - 1].iter().map(|s| s.0);
        let mut stitch = self.pdf.stitching_function(id);
        stitch.domain([0.0, 1.0]).functions(pieces.iter().copied()).bounds(bounds);
        stitch.encode(pieces.iter().flat_map(|_| [0.0, 1.0]));
        id
    }

    /// The name of an ExtGState with these alphas (written once per file) in `canvas`.
    fn alpha(&mut self, canvas: &mut Canvas, fill: f32, stroke: f32) -> String {
        let key = (fill.to_bits(), stroke.to_bits());
        let id = match self.alphas.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.refs.next();
                self.pdf.ext_graphics(id).non_stroking_alpha(fill).stroking_alpha(stroke);
                self.alphas.insert(key, id);
                id
            }
        };
        if let Some((name, _)) = canvas.used.states.iter().find(|(_, s)| *s == id) {
            return name.clone();
        }
        let name = self.name("Gs");
        canvas.used.states.push((name.clone(), id));
        name
    }
}

/// Writes `list` into a resource dictionary.
fn pairs(mut dict: pdf_writer::Dict, list: &[(String, Ref)]) {
    for (name, id) in list {
        dict.pair(Name(name.as_bytes()), *id);
    }
}

/// The opacity every stop of a gradient shares (1 where they differ: varying stop
/// opacity is not drawn, and `svg::parse` says so).
fn stop_opacity(gradient: &BaseGradient) -> f32 {
    let mut alphas = gradient.stops().iter().map(|s| s.opacity().get());
    match alphas.next() {
        Some(first) if alphas.all(|a| a == first) => first,
        _ => 1.0,
    }
}

/// Clips to `clip`'s paths (after the clip paths it is clipped by itself).
fn clip_to(content: &mut Content, clip: &ClipPath) {
    if let Some(outer) = clip.clip_path() {
        clip_to(content, outer);
    }
    let mut rule = None;
    let start = clip.transform().pre_concat(clip.root().transform());
    clip_paths(content, clip.root(), start, &mut rule);
    if rule.is_none() {
        // No path: nothing shows (SVG 1.1, 14.3.5: an empty clip path clips all away).
        content.rect(0.0, 0.0, 0.0, 0.0);
    }
    match rule {
        Some(FillRule::EvenOdd) => content.clip_even_odd(),
        _ => content.clip_nonzero(),
    };
    content.end_path();
}

fn clip_paths(content: &mut Content, group: &Group, at: Transform, rule: &mut Option<FillRule>) {
    for node in group.children() {
        match node {
            Node::Group(g) => clip_paths(content, g, at.pre_concat(g.transform()), rule),
            Node::Path(p) if p.is_visible() => {
                rule.get_or_insert(p.fill().map_or(FillRule::NonZero, |f| f.rule()));
                outline(content, p.data(), at);
            }
            _ => {}
        }
    }
}

/// The path's segments, mapped through `at`; quadratic Béziers become cubic ones with
/// the same curve (control points 2/3 of the way to the quadratic's).
fn outline(content: &mut Content, path: &usvg::tiny_skia_path::Path, at: Transform) {
    let map = |mut p: Point| {
        at.map_point(&mut p);
        p
    };
    let (mut start, mut last) = (Point::zero(), Point::zero());
    for segment in path.segments() {
        match segment {
            PathSegment::MoveTo(p) => {
                let q = map(p);
                content.move_to(q.x, q.y);
                (start, last) = (p, p);
            }
            PathSegment::LineTo(p) => {
                let q = map(p);
                content.line_to(q.x, q.y);
                last = p;
            }
            PathSegment::QuadTo(c, p) => {
                let c1 = Point::from_xy(last.x + 2.0 / 3.0 * (c.x - last.x), last.y + 2.0 / 3.0 * (c.y - last.y));
                let c2 = Point::from_xy(p.x + 2.0 / 3.0 * (c.x - p.x), p.y + 2.0 / 3.0 * (c.y - p.y));
                let (c1, c2, q) = (map(c1), map(c2), map(p));
                content.cubic_to(c1.x, c1.y, c2.x, c2.y, q.x, q.y);
                last = p;
            }
            PathSegment::CubicTo(c1, c2, p) => {
                let (c1, c2, q) = (map(c1), map(c2), map(p));
                content.cubic_to(c1.x, c1.y, c2.x, c2.y, q.x, q.y);
                last = p;
            }
            PathSegment::Close => {
                content.close_path();
                last = start;
            }
        }
    }
}

/// A transform as a PDF matrix `[a b c d e f]` (PDF 32000-1:2008, 8.3.3).
fn matrix(t: Transform) -> [f32; 6] {
    [t.sx, t.ky, t.kx, t.sy, t.tx, t.ty]
}
