//! `#[derive(Model)]`: the one declaration of snapdf's snapshot format.
//!
//! A struct or enum of `src/document/model.rs` with this derive gets, from its fields
//! and their `#[model(…)]` attributes and doc comments:
//!
//! - `Read`: the reader from the JSON tree, with serde's wording and the JSON path
//!   (`crate::document::read`);
//! - `Encode`: the canonical encoding for the cache key, fields in declaration order
//!   and enum variants by index (`crate::key::canonical`);
//! - `Walk`: the walk validation makes over every string and number, each with its
//!   field's rules (`crate::document::walk`);
//! - `Describe`: the description the JSON Schema and the TypeScript types are written
//!   from (`crate::document::shape`).
//!
//! Container attributes: `expecting = "…"` (serde's "expected …" wording), `shorthand
//! = "field"` (a value that is not an object is that field, the rest default), `encode
//! = path` (a hand-written encoding), `tag = "type"` (an enum of structs tagged by a
//! field). Field attributes: `rename = "json"`, `default` / `default = literal` /
//! `default = "expr"`, `json_default = "json"`, `nullable`, `late`, `read = path`,
//! `text`, `link`, `anchor`, `rule = PATH`, `range = PATH`, `shape = path`. A unit
//! variant of an enum of names takes `rename = "json"`.
//! The generated code names the model's support items through
//! `crate::document::declare`.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::{format_ident, quote};
use syn::visit_mut::VisitMut;
use syn::{Attribute, Data, DataEnum, DeriveInput, Expr, Fields, Ident, Lit, LitStr, Path, Type, parse_macro_input};

/// Derives the reader, encoding, validation walk and schema description of a model type.
#[proc_macro_derive(Model, attributes(model))]
pub fn derive_model(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let container = Container::parse(input)?;
    match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => {
                let fields = named.named.iter().map(Field::parse).collect::<syn::Result<Vec<_>>>()?;
                Ok(structure(input, &container, &fields))
            }
            Fields::Unit | Fields::Unnamed(_) if s.fields.is_empty() => Ok(structure(input, &container, &[])),
            _ => Err(syn::Error::new_spanned(&input.ident, "Model: a struct with named fields")),
        },
        Data::Enum(e) if container.tag.is_some() => tagged(input, &container, e),
        Data::Enum(e) => names(input, &container, e),
        Data::Union(_) => Err(syn::Error::new_spanned(&input.ident, "Model: not a union")),
    }
}

/// The container's `#[model(…)]` attributes.
#[derive(Default)]
struct Container {
    expecting: Option<String>,
    shorthand: Option<String>,
    encode: Option<Path>,
    tag: Option<String>,
    doc: String,
}

impl Container {
    fn parse(input: &DeriveInput) -> syn::Result<Self> {
        let mut c = Container { doc: doc(&input.attrs), ..Container::default() };
        for attr in input.attrs.iter().filter(|a| a.path().is_ident("model")) {
            attr.parse_nested_meta(|meta| {
                let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
                match key.as_str() {
                    "expecting" => c.expecting = Some(meta.value()?.parse::<LitStr>()?.value()),
                    "shorthand" => c.shorthand = Some(meta.value()?.parse::<LitStr>()?.value()),
                    "encode" => c.encode = Some(meta.value()?.parse::<Path>()?),
                    "tag" => c.tag = Some(meta.value()?.parse::<LitStr>()?.value()),
                    _ => return Err(meta.error("unknown model attribute")),
                }
                Ok(())
            })?;
        }
        Ok(c)
    }
}

/// How a field gets its value when the JSON leaves it out.
enum Default {
    /// Required: "missing field".
    Required,
    /// An `Option`: `None`.
    None,
    /// `Default::default()`.
    Trait,
    /// A literal (its JSON form is the literal's text).
    Literal(Lit),
    /// A Rust expression.
    Expr(Expr),
}

/// A field and its `#[model(…)]` attributes.
struct Field {
    ident: Ident,
    ty: Type,
    json: String,
    doc: String,
    default: Default,
    json_default: Option<String>,
    nullable: bool,
    late: bool,
    read: Option<Path>,
    shape: Option<Path>,
    role: Tokens,
    rule: Option<Path>,
    range: Option<Path>,
}

impl Field {
    fn parse(f: &syn::Field) -> syn::Result<Self> {
        let ident = f.ident.clone().ok_or_else(|| syn::Error::new_spanned(f, "Model: a named field"))?;
        let optional = is_option(&f.ty);
        let mut field = Field {
            json: camel_case(&ident.to_string()),
            ident,
            ty: f.ty.clone(),
            doc: doc(&f.attrs),
            default: if optional { Default::None } else { Default::Required },
            json_default: None,
            nullable: optional,
            late: false,
            read: None,
            shape: None,
            role: quote!(Plain),
            rule: None,
            range: None,
        };
        for attr in f.attrs.iter().filter(|a| a.path().is_ident("model")) {
            attr.parse_nested_meta(|meta| {
                let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
                match key.as_str() {
                    "rename" => field.json = meta.value()?.parse::<LitStr>()?.value(),
                    "default" if meta.input.peek(syn::Token![=]) => {
                        field.default = match meta.value()?.parse::<Lit>()? {
                            Lit::Str(s) => Default::Expr(s.parse()?),
                            lit => Default::Literal(lit),
                        }
                    }
                    "default" => field.default = Default::Trait,
                    "json_default" => field.json_default = Some(meta.value()?.parse::<LitStr>()?.value()),
                    "nullable" => field.nullable = true,
                    "late" => field.late = true,
                    "read" => field.read = Some(meta.value()?.parse()?),
                    "shape" => field.shape = Some(meta.value()?.parse()?),
                    "text" => field.role = quote!(Text),
                    "link" => field.role = quote!(Link),
                    "anchor" => field.role = quote!(Anchor),
                    "block_style" => field.role = quote!(BlockStyle),
                    "run_style" => field.role = quote!(RunStyle),
                    "rule" => field.rule = Some(meta.value()?.parse()?),
                    "range" => field.range = Some(meta.value()?.parse()?),
                    _ => return Err(meta.error("unknown model attribute")),
                }
                Ok(())
            })?;
        }
        if let (Default::Literal(lit), None) = (&field.default, &field.json_default) {
            field.json_default = Some(literal_json(lit));
        }
        Ok(field)
    }

    /// The field's type with every lifetime `'static`, for static descriptions.
    fn static_ty(&self) -> Type {
        let mut ty = self.ty.clone();
        StaticLifetimes.visit_type_mut(&mut ty);
        ty
    }

    /// Reads the field's value `v` at `at` (the `?` included).
    fn read_value(&self) -> Tokens {
        let ty = &self.ty;
        let read = match (&self.read, &self.range) {
            (Some(path), _) => quote!(#path),
            // A number the type cannot hold (1.5 for a whole number) is worded by the range.
            (None, Some(range)) => quote!((|v, at: &crate::document::declare::At| crate::document::declare::ranged(
                v, at, &#range, <#ty as crate::document::declare::Read>::read
            ))),
            (None, None) => quote!(<#ty as crate::document::declare::Read>::read),
        };
        if self.nullable && !matches!(self.default, Default::None) {
            quote!(crate::document::declare::optional(__value, &__at, #read)?)
        } else {
            quote!(Some(#read(__value, &__at)?))
        }
    }
}

/// Replaces every lifetime with `'static`.
struct StaticLifetimes;

impl VisitMut for StaticLifetimes {
    fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
        *l = syn::Lifetime::new("'static", l.span());
    }
}

fn is_option(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

/// `line_height` → `lineHeight` (serde's `rename_all = "camelCase"`).
fn camel_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// `PageBreak` → `pageBreak`.
fn lower_camel(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// The doc comment, its lines joined by spaces and trimmed.
fn doc(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => Some(s.value().trim().to_owned()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    // Lines of a paragraph are joined with spaces; paragraphs are kept apart by a blank
    // line, and fenced code keeps its lines.
    let mut text = String::new();
    let mut code = false;
    for line in lines {
        let fence = line.starts_with("```");
        if code || fence {
            if fence && !code && !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&line);
            text.push('\n');
            code ^= fence;
        } else if line.is_empty() {
            text.push_str("\n\n");
        } else {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push(' ');
            }
            text.push_str(&line);
        }
    }
    text.trim().replace("\n\n\n", "\n\n")
}

/// A literal default as JSON text.
fn literal_json(lit: &Lit) -> String {
    match lit {
        Lit::Int(i) => i.base10_digits().to_owned(),
        Lit::Float(f) => f.base10_parse::<f64>().map_or_else(|_| f.base10_digits().to_owned(), |v| v.to_string()),
        Lit::Bool(b) => b.value.to_string(),
        Lit::Str(s) => format!("{:?}", s.value()),
        _ => "null".to_owned(),
    }
}

fn lit_str(s: &str) -> LitStr {
    LitStr::new(s, Span::call_site())
}

fn option_str(s: Option<&str>) -> Tokens {
    match s {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    }
}

fn option_path(p: Option<&Path>) -> Tokens {
    match p {
        Some(p) => quote!(Some(&#p)),
        None => quote!(None),
    }
}

/// A struct: the fields of an object.
fn structure(input: &DeriveInput, c: &Container, fields: &[Field]) -> Tokens {
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let lifetime = input.generics.lifetimes().next().map(|l| l.lifetime.clone());
    let a = lifetime.clone().unwrap_or_else(|| syn::Lifetime::new("'a", Span::call_site()));
    let read_generics = if lifetime.is_some() { quote!(#impl_generics) } else { quote!(<#a>) };
    let fields_generics = if lifetime.is_some() { quote!(<'p>) } else { quote!(<#a, 'p>) };
    let expecting = c.expecting.clone().unwrap_or_else(|| "an object {…}".to_owned());
    let json: Vec<LitStr> = fields.iter().map(|f| lit_str(&f.json)).collect();
    let idents: Vec<&Ident> = fields.iter().map(|f| &f.ident).collect();

    let slot = |f: &Field| format_ident!("__field_{}", f.ident);
    let slots = fields.iter().map(|f| {
        let (ident, ty) = (&slot(f), &f.ty);
        if f.late {
            quote!(let mut #ident: Option<crate::document::declare::Json<#a>> = None;)
        } else {
            quote!(let mut #ident: Option<#ty> = None;)
        }
    });
    let arms = fields.iter().zip(&json).map(|(f, json)| {
        let ident = &slot(f);
        let value = if f.late { quote!(Some(__value)) } else { f.read_value() };
        quote!(#json => #ident = #value,)
    });
    let finish = fields.iter().zip(&json).map(|(f, json)| {
        let (ident, slot) = (&f.ident, &slot(f));
        let ty = &f.ty;
        let present = if f.late {
            let read = match &f.read {
                Some(path) => quote!(#path),
                None => quote!(<#ty as crate::document::declare::Read>::read),
            };
            quote!(match #slot { Some(v) => Some(#read(v, &obj.at.key(#json))?), None => None })
        } else {
            quote!(#slot)
        };
        match &f.default {
            Default::Required => quote!(#ident: obj.required(#present, #json)?,),
            Default::None => quote!(#ident: #present.flatten(),),
            Default::Trait => quote!(#ident: #present.unwrap_or_default(),),
            Default::Literal(lit) => quote!(#ident: #present.unwrap_or(#lit),),
            Default::Expr(e) => quote!(#ident: #present.unwrap_or_else(|| #e),),
        }
    });
    let tagged_json = json.iter().cloned().chain([lit_str("type")]);
    let reader = match &c.shorthand {
        None => quote! {
            let obj = crate::document::declare::object(v, at, #expecting, Self::FIELDS)?;
            Self::read_fields(obj)
        },
        Some(short) => {
            let field = fields.iter().find(|f| &f.json == short || f.ident == short).expect("shorthand field");
            let (sident, sty) = (&field.ident, &field.ty);
            let rest = fields.iter().filter(|f| f.ident != *sident).map(|f| {
                let ident = &f.ident;
                match &f.default {
                    Default::None | Default::Trait => quote!(#ident: Default::default(),),
                    Default::Literal(lit) => quote!(#ident: #lit,),
                    Default::Expr(e) => quote!(#ident: #e,),
                    Default::Required => quote!(#ident: compile_error!("a shorthand leaves the other fields out"),),
                }
            });
            quote! {
                if v.is_object() {
                    return Self::read_fields(crate::document::declare::object(v, at, "", Self::FIELDS)?);
                }
                if !<#sty as crate::document::declare::Read>::accepts(&v) {
                    return Err(crate::document::declare::invalid_type(&v, #expecting, at));
                }
                Ok(#name { #sident: <#sty as crate::document::declare::Read>::read(v, at)?, #(#rest)* })
            }
        }
    };

    let encode = match &c.encode {
        Some(path) => quote!(#path(self, c)),
        None => quote!(#( crate::document::declare::Encode::encode(&self.#idents, c); )*),
    };

    let infos = fields.iter().map(field_info);
    let rules = fields.iter().map(field_rules);
    let walk_fields = fields.iter().enumerate().map(|(i, f)| {
        let (ident, json) = (&f.ident, lit_str(&f.json));
        quote!(crate::document::declare::Walk::walk(&self.#ident, v, &at.key(#json), &Self::RULES[#i]);)
    });
    let walk = match &c.shorthand {
        None => quote!(#(#walk_fields)*),
        Some(short) => {
            let (i, field) =
                fields.iter().enumerate().find(|(_, f)| &f.json == short || f.ident == short).expect("shorthand field");
            let sident = &field.ident;
            let others = fields.iter().filter(|f| f.ident != *sident).map(|f| {
                let ident = &f.ident;
                match &f.default {
                    Default::Literal(lit) => quote!(self.#ident == #lit),
                    Default::Expr(e) => quote!(self.#ident == #e),
                    _ => {
                        let ty = &f.ty;
                        quote!(self.#ident == <#ty as Default>::default())
                    }
                }
            });
            quote! {
                // Given as the shorthand (or as if it were): its value is at the object's place.
                if true #(&& #others)* {
                    crate::document::declare::Walk::walk(&self.#sident, v, at, &Self::RULES[#i]);
                    return;
                }
                #(#walk_fields)*
            }
        }
    };
    let doc = &c.doc;
    let name_str = name.to_string();
    let shorthand = option_str(c.shorthand.as_deref());
    quote! {
        impl #impl_generics #name #ty_generics #where_clause {
            /// The JSON field names, in declaration order.
            pub(crate) const FIELDS: &'static [&'static str] = &[#(#json),*];
            /// The field names with the tag `type`, for a block.
            pub(crate) const TAGGED_FIELDS: &'static [&'static str] = &[#(#tagged_json),*];
            /// Each field's name, documentation, default and rules (for the schema).
            pub(crate) const INFO: &'static [crate::document::declare::Field] = &[#(#infos),*];
            /// Each field's rules (for validation).
            pub(crate) const RULES: &'static [crate::document::declare::Rules] = &[#(#rules),*];

            /// Reads the fields of an object, in order.
            #[allow(unused_variables)]
            pub(crate) fn read_fields #fields_generics (mut obj: crate::document::declare::Object<#a, 'p>) -> Result<Self, crate::document::Error> {
                #(#slots)*
                while let Some((__key, __value)) = obj.next()? {
                    let __at = obj.at.key(__key);
                    match __key {
                        #(#arms)*
                        _ => {} // the tag
                    }
                }
                Ok(#name { #(#finish)* })
            }
        }

        impl #read_generics crate::document::declare::Read<#a> for #name #ty_generics #where_clause {
            fn read(v: crate::document::declare::Json<#a>, at: &crate::document::declare::At) -> Result<Self, crate::document::Error> {
                #reader
            }
        }

        impl #impl_generics crate::document::declare::Encode for #name #ty_generics #where_clause {
            fn encode(&self, c: &mut crate::document::declare::Canonical) {
                #encode
            }
        }

        impl #impl_generics crate::document::declare::Walk for #name #ty_generics #where_clause {
            #[allow(unused_variables)]
            fn walk(&self, v: &mut dyn crate::document::declare::Visitor, at: &crate::document::declare::At, rules: &'static crate::document::declare::Rules) {
                #walk
            }
        }

        impl #impl_generics crate::document::declare::Describe for #name #ty_generics #where_clause {
            fn shape() -> crate::document::declare::Shape {
                crate::document::declare::Shape::Object(crate::document::declare::ObjectShape {
                    name: #name_str,
                    doc: #doc,
                    fields: Self::INFO,
                    shorthand: #shorthand,
                    expecting: #expecting,
                })
            }
        }
    }
}

/// A field's static description.
fn field_info(f: &Field) -> Tokens {
    let json = &f.json;
    let doc = &f.doc;
    let ty = f.static_ty();
    let shape = match &f.shape {
        Some(path) => quote!(#path),
        None => quote!(<#ty as crate::document::declare::Describe>::shape),
    };
    let required = matches!(f.default, Default::Required);
    let nullable = f.nullable;
    let default = option_str(f.json_default.as_deref());
    let rules = field_rules(f);
    quote! {
        crate::document::declare::Field {
            name: #json,
            doc: #doc,
            shape: #shape,
            required: #required,
            nullable: #nullable,
            default: #default,
            rules: #rules,
        }
    }
}

/// The rules of a field, which the validation walk is given.
fn field_rules(f: &Field) -> Tokens {
    let role = &f.role;
    let rule = option_path(f.rule.as_ref());
    let range = option_path(f.range.as_ref());
    quote! {
        crate::document::declare::Rules { role: crate::document::declare::Role::#role, rule: #rule, range: #range }
    }
}

/// An enum of structs, tagged by a field (`type`): blocks.
fn tagged(input: &DeriveInput, c: &Container, e: &DataEnum) -> syn::Result<Tokens> {
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let a = input
        .generics
        .lifetimes()
        .next()
        .map(|l| l.lifetime.clone())
        .ok_or_else(|| syn::Error::new_spanned(name, "Model: a tagged enum borrows its text ('a)"))?;
    let expecting = c.expecting.clone().unwrap_or_else(|| format!("enum {name}"));
    let mut idents = Vec::new();
    let mut inner = Vec::new();
    let mut docs = Vec::new();
    for v in &e.variants {
        let Fields::Unnamed(f) = &v.fields else {
            return Err(syn::Error::new_spanned(v, "Model: a tagged variant holds one struct"));
        };
        let ty = f.unnamed.first().map(|f| f.ty.clone()).ok_or_else(|| syn::Error::new_spanned(v, "one struct"))?;
        idents.push(v.ident.clone());
        inner.push(ty);
        docs.push(doc(&v.attrs));
    }
    let tags: Vec<String> = idents.iter().map(|i| lower_camel(&i.to_string())).collect();
    let count = tags.len();
    let indices = 0..count as u64;
    let static_inner: Vec<Type> = inner
        .iter()
        .map(|t| {
            let mut t = t.clone();
            StaticLifetimes.visit_type_mut(&mut t);
            t
        })
        .collect();
    let tag = c.tag.clone().unwrap_or_default();
    let doc = &c.doc;
    let name_str = name.to_string();
    Ok(quote! {
        impl #impl_generics #name #ty_generics #where_clause {
            /// The tag's values, in the order the variants are declared.
            pub const TYPES: [&'static str; #count] = [#(#tags),*];
        }

        impl #impl_generics crate::document::declare::Read<#a> for #name #ty_generics #where_clause {
            fn read(v: crate::document::declare::Json<#a>, at: &crate::document::declare::At) -> Result<Self, crate::document::Error> {
                let (kind, members) = crate::document::declare::tagged(v, at, #expecting, #tag)?;
                match kind.as_ref() {
                    #( #tags => <#inner>::read_fields(crate::document::declare::Object::new(members, at, <#inner>::TAGGED_FIELDS)).map(#name::#idents), )*
                    other => Err(crate::document::declare::unknown_tag(other, #tag, &Self::TYPES, at)),
                }
            }
        }

        impl #impl_generics crate::document::declare::Encode for #name #ty_generics #where_clause {
            fn encode(&self, c: &mut crate::document::declare::Canonical) {
                match self {
                    #( #name::#idents(inner) => { c.uint(#indices); crate::document::declare::Encode::encode(inner, c); } )*
                }
            }
        }

        impl #impl_generics crate::document::declare::Walk for #name #ty_generics #where_clause {
            fn walk(&self, v: &mut dyn crate::document::declare::Visitor, at: &crate::document::declare::At, rules: &'static crate::document::declare::Rules) {
                match self {
                    #( #name::#idents(inner) => crate::document::declare::Walk::walk(inner, v, at, rules), )*
                }
            }
        }

        impl #impl_generics crate::document::declare::Describe for #name #ty_generics #where_clause {
            fn shape() -> crate::document::declare::Shape {
                crate::document::declare::Shape::Tagged(crate::document::declare::TaggedShape {
                    name: #name_str,
                    doc: #doc,
                    tag: #tag,
                    variants: &[#( (#tags, #docs, <#static_inner as crate::document::declare::Describe>::shape) ),*],
                })
            }
        }
    })
}

/// A unit variant's JSON name: its `#[model(rename = "…")]`, else its name in lower
/// camel case.
fn variant_name(v: &syn::Variant) -> syn::Result<String> {
    let mut name = lower_camel(&v.ident.to_string());
    for attr in v.attrs.iter().filter(|a| a.path().is_ident("model")) {
        attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("rename") {
                return Err(meta.error("unknown model attribute of a name (only `rename`)"));
            }
            name = meta.value()?.parse::<LitStr>()?.value();
            Ok(())
        })?;
    }
    Ok(name)
}

/// An enum of names (`"left"`, `"center"`): read by name, encoded by index.
fn names(input: &DeriveInput, c: &Container, e: &DataEnum) -> syn::Result<Tokens> {
    let name = &input.ident;
    let idents: Vec<&Ident> = e.variants.iter().map(|v| &v.ident).collect();
    if e.variants.iter().any(|v| !v.fields.is_empty()) {
        return Err(syn::Error::new_spanned(name, "Model: an enum of names has unit variants"));
    }
    let names: Vec<String> = e.variants.iter().map(variant_name).collect::<syn::Result<_>>()?;
    let expecting = c.expecting.clone().unwrap_or_else(|| {
        let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        format!("one of {}", quoted.join(", "))
    });
    let docs: Vec<String> = e.variants.iter().map(|v| doc(&v.attrs)).collect();
    let count = names.len();
    let all = format_ident!("ALL");
    let doc = &c.doc;
    let name_str = name.to_string();
    Ok(quote! {
        impl #name {
            /// The JSON names, in the order the variants are declared.
            pub(crate) const NAMES: &'static [&'static str] = &[#(#names),*];
            const #all: [#name; #count] = [#(#name::#idents),*];
        }

        impl<'a> crate::document::declare::Read<'a> for #name {
            fn read(v: crate::document::declare::Json<'a>, at: &crate::document::declare::At) -> Result<Self, crate::document::Error> {
                Ok(Self::#all[crate::document::declare::variant(v, at, Self::NAMES, #expecting)?])
            }
        }

        impl crate::document::declare::Encode for #name {
            fn encode(&self, c: &mut crate::document::declare::Canonical) {
                c.uint(*self as u64);
            }
        }

        impl crate::document::declare::Walk for #name {
            fn walk(&self, _: &mut dyn crate::document::declare::Visitor, _: &crate::document::declare::At, _: &'static crate::document::declare::Rules) {}
        }

        impl crate::document::declare::Describe for #name {
            fn shape() -> crate::document::declare::Shape {
                crate::document::declare::Shape::Names(crate::document::declare::NamesShape {
                    name: #name_str,
                    doc: #doc,
                    names: &[#( (#names, #docs) ),*],
                })
            }
        }
    })
}
