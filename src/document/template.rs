//! Header and footer templates: text with `{page}`, `{pages}`, `{title}` and `{date}`
//! placeholders, filled in for each page.
//!
//! A `{` that does not start one of the four placeholders is an error (so a typo such
//! as `{pgae}` is caught before rendering); `{{` and `}}` print a literal brace, as in
//! Rust's and Python's format strings.

use super::page::Numbering;

/// What the placeholders stand for on one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fields<'a> {
    /// This page's number, from 1.
    pub page: usize,
    /// The number of pages.
    pub pages: usize,
    /// The snapshot's title.
    pub title: &'a str,
    /// The date part (`YYYY-MM-DD`) of `metadata.creationDate`, or "".
    pub date: &'a str,
    /// How `{page}` and `{pages}` are written.
    pub numbering: Numbering,
}

/// The placeholder names, as written between braces.
pub const PLACEHOLDERS: [&str; 4] = ["page", "pages", "title", "date"];

/// One piece of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'t> {
    Literal(&'t str),
    Field(&'static str),
}

/// Splits `template` into literals and placeholders; `f` sees each piece in order.
fn pieces<'t>(template: &'t str, mut f: impl FnMut(Piece<'t>)) -> Result<(), String> {
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        f(Piece::Literal(&rest[..i]));
        let after = &rest[i + 1..];
        if rest[i..].starts_with("{{") || rest[i..].starts_with("}}") {
            f(Piece::Literal(&rest[i..=i]));
            rest = &after[1..];
            continue;
        }
        if rest.as_bytes()[i] == b'}' {
            return Err("has a `}` without its `{`; write `}}` for a literal brace".to_owned());
        }
        let name = after.find('}').map(|end| &after[..end]);
        match name.and_then(|n| PLACEHOLDERS.iter().find(|&&p| p == n)) {
            Some(p) => {
                f(Piece::Field(p));
                rest = &after[p.len() + 1..];
            }
            None => {
                let Some(shown) = name else {
                    let start: String = after.chars().take(12).collect();
                    return Err(format!(
                        "has a `{{` without its `}}` (at `{{{start}`); write a placeholder such as {{page}}, or `{{{{` for a literal brace"
                    ));
                };
                return Err(format!(
                    "has an unknown placeholder `{{{shown}}}`; expected {{page}}, {{pages}}, {{title}} or {{date}} \
                     (`{{{{` for a literal brace)"
                ));
            }
        }
    }
    f(Piece::Literal(rest));
    Ok(())
}

/// Checks that every placeholder in `template` is known and every brace is paired.
///
/// # Errors
/// A message describing the first problem.
pub fn check(template: &str) -> Result<(), String> {
    pieces(template, |_| {})
}

/// The text of `template` for one page. A template that fails [`check`] expands to
/// what precedes the problem.
pub fn expand(template: &str, fields: &Fields) -> String {
    let mut out = String::with_capacity(template.len() + 8);
    let _ = pieces(template, |piece| match piece {
        Piece::Literal(s) => out.push_str(s),
        Piece::Field("page") => out.push_str(&numeral(fields.page, fields.numbering)),
        Piece::Field("pages") => out.push_str(&numeral(fields.pages, fields.numbering)),
        Piece::Field("title") => out.push_str(fields.title),
        Piece::Field(_) => out.push_str(fields.date),
    });
    out
}

/// `n` written as `numbering` says: Roman numerals in the subtractive notation (IV, IX,
/// XL, XC, CD, CM) from 1 to 3,999; letters as a bijective base-26 numeral (CSS Counter
/// Styles Level 3, 6.2 `lower-alpha`: z, aa, ab) from 1; decimal otherwise.
pub fn numeral(n: usize, numbering: Numbering) -> String {
    if let (Numbering::LowerAlpha | Numbering::UpperAlpha, 1..) = (numbering, n) {
        let first = if numbering == Numbering::LowerAlpha { b'a' } else { b'A' };
        let mut letters = Vec::new();
        let mut rest = n;
        while rest > 0 {
            rest -= 1;
            letters.push(first + (rest % 26) as u8);
            rest /= 26;
        }
        letters.reverse();
        return String::from_utf8(letters).unwrap_or_default();
    }
    const VALUES: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if !matches!(numbering, Numbering::LowerRoman | Numbering::UpperRoman) || !(1..=3999).contains(&n) {
        return n.to_string();
    }
    let mut out = String::new();
    let mut rest = n;
    for (value, letters) in VALUES {
        while rest >= value {
            out.push_str(letters);
            rest -= value;
        }
    }
    if numbering == Numbering::LowerRoman { out.to_ascii_lowercase() } else { out }
}

/// The most bytes `{page}` or `{pages}` can fill in (a page count has at most 20 digits;
/// a Roman numeral to 3,999 at most 15 letters).
const NUMBER_BYTES: usize = 20;
/// The bytes `{date}` fills in (`YYYY-MM-DD`).
const DATE_BYTES: usize = 10;

/// The most bytes `template` can expand to on any page when the title has
/// `title_bytes` bytes, computed without expanding it (saturating, so a hostile
/// template cannot overflow the count). A template that fails [`check`] counts up to
/// the problem.
pub fn filled_len(template: &str, title_bytes: usize) -> usize {
    let mut len = 0usize;
    let _ = pieces(template, |piece| {
        len = len.saturating_add(match piece {
            Piece::Literal(s) => s.len(),
            Piece::Field("title") => title_bytes,
            Piece::Field("date") => DATE_BYTES,
            Piece::Field(_) => NUMBER_BYTES,
        });
    });
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: Fields =
        Fields { page: 3, pages: 12, title: "Q3", date: "2024-05-01", numbering: Numbering::Decimal };

    #[test]
    fn roman_numerals_are_subtractive_and_stop_at_3999() {
        let cases =
            [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (1994, "MCMXCIV"), (3888, "MMMDCCCLXXXVIII")];
        for (n, roman) in cases {
            assert_eq!(numeral(n, Numbering::UpperRoman), roman);
            assert_eq!(numeral(n, Numbering::LowerRoman), roman.to_ascii_lowercase());
        }
        assert_eq!(numeral(4000, Numbering::UpperRoman), "4000");
        let letters = [(1, "a"), (26, "z"), (27, "aa"), (52, "az"), (53, "ba"), (702, "zz"), (703, "aaa")];
        for (n, alpha) in letters {
            assert_eq!(numeral(n, Numbering::LowerAlpha), alpha);
            assert_eq!(numeral(n, Numbering::UpperAlpha), alpha.to_ascii_uppercase());
        }
        assert_eq!(numeral(0, Numbering::LowerAlpha), "0");
        assert_eq!(numeral(12, Numbering::Decimal), "12");
        let fields = Fields { numbering: Numbering::LowerRoman, ..FIELDS };
        assert_eq!(expand("Page {page} of {pages}", &fields), "Page iii of xii");
    }

    #[test]
    fn placeholders_are_filled_in() {
        assert_eq!(expand("Page {page} of {pages}", &FIELDS), "Page 3 of 12");
        assert_eq!(expand("{title} – {date}", &FIELDS), "Q3 – 2024-05-01");
        assert_eq!(expand("no fields", &FIELDS), "no fields");
        assert_eq!(expand("{{page}} is {page}", &FIELDS), "{page} is 3");
    }

    #[test]
    fn filled_lengths_bound_every_expansion() {
        for template in ["Page {page} of {pages}", "{title} – {date}", "{{page}}", "", "{title}{title}"] {
            let fields = Fields { page: 20_000, pages: 20_000, ..FIELDS };
            assert!(filled_len(template, 2) >= expand(template, &fields).len(), "{template}");
        }
        assert_eq!(filled_len(&"{title}".repeat(1000), 10_000), 10_000_000);
        assert_eq!(filled_len("{title}", usize::MAX - 1), usize::MAX - 1);
        assert_eq!(filled_len("a{title}", usize::MAX), usize::MAX);
    }

    #[test]
    fn unknown_placeholders_and_lone_braces_are_refused() {
        assert!(check("{pgae}").expect_err("refused").contains("`{pgae}`"));
        assert!(check("open { brace").expect_err("refused").contains("a `{` without its `}` (at `{ brace`)"));
        assert!(check("{page").expect_err("refused").contains("a `{` without its `}` (at `{page`)"));
        assert!(check("close } brace").expect_err("refused").contains("`}`"));
        assert!(check("{page}{pages}{title}{date}{{}}").is_ok());
    }
}
