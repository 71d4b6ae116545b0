//! A small XML well-formedness checker for the SVG tests (no XML crate is a dependency): tags balanced and
//! properly nested under one root, names valid, attributes quoted and unique, every `&` a valid entity, no `<` in
//! text or values; it returns the elements with their attributes and text, entities decoded.

/// One element: its name, attributes (values decoded) and the text directly inside it (decoded).
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// Every element of `doc` in document order, or the first fault (with its byte offset).
pub fn parse(doc: &str) -> Result<Vec<Element>, String> {
    let b = doc.as_bytes();
    let (mut i, mut out, mut open, mut roots) = (0, Vec::<Element>::new(), Vec::<usize>::new(), 0);
    while i < b.len() {
        if b[i] != b'<' {
            let end = doc[i..].find('<').map_or(b.len(), |k| i + k);
            let text = decode(&doc[i..end]).map_err(|e| format!("at {i}: {e}"))?;
            match open.last() {
                Some(&e) => out[e].text.push_str(&text),
                None if text.trim().is_empty() => {}
                None => return Err(format!("at {i}: text outside the root element")),
            }
            i = end;
        } else if doc[i..].starts_with("<?") || doc[i..].starts_with("<!--") {
            let close = if b[i + 1] == b'?' { "?>" } else { "-->" };
            i += doc[i..].find(close).ok_or(format!("at {i}: unclosed {close}"))? + close.len();
        } else if doc[i..].starts_with("</") {
            let (name, after) = name_at(doc, i + 2)?;
            let j = skip_space(b, after);
            if b.get(j) != Some(&b'>') {
                return Err(format!("at {j}: expected '>' closing </{name}"));
            }
            match open.pop() {
                Some(e) if out[e].name == name => {}
                Some(e) => return Err(format!("at {i}: </{name}> closes <{}>", out[e].name)),
                None => return Err(format!("at {i}: </{name}> with nothing open")),
            }
            i = j + 1;
        } else {
            let (element, end, empty) = start_tag(doc, i)?;
            if open.is_empty() {
                roots += 1;
                if roots > 1 {
                    return Err(format!("at {i}: a second root element <{}>", element.name));
                }
            }
            out.push(element);
            if !empty {
                open.push(out.len() - 1);
            }
            i = end;
        }
    }
    if let Some(&e) = open.last() {
        return Err(format!("<{}> is never closed", out[e].name));
    }
    if roots == 0 {
        return Err("no root element".into());
    }
    Ok(out)
}

/// A start tag at `i`: the element, the offset after it, and whether it is empty (`/>`).
fn start_tag(doc: &str, i: usize) -> Result<(Element, usize, bool), String> {
    let b = doc.as_bytes();
    let (name, mut j) = name_at(doc, i + 1)?;
    let mut attrs: Vec<(String, String)> = Vec::new();
    loop {
        let k = skip_space(b, j);
        match b.get(k) {
            Some(b'>') => return Ok((Element { name, attrs, text: String::new() }, k + 1, false)),
            Some(b'/') if b.get(k + 1) == Some(&b'>') => {
                return Ok((Element { name, attrs, text: String::new() }, k + 2, true));
            }
            None => return Err(format!("at {i}: <{name} is never closed")),
            _ if k == j => return Err(format!("at {k}: expected a space before an attribute of <{name}>")),
            _ => {}
        }
        let (key, after) = name_at(doc, k)?;
        let eq = skip_space(b, after);
        if b.get(eq) != Some(&b'=') {
            return Err(format!("at {eq}: attribute {key} of <{name}> has no '='"));
        }
        let q = skip_space(b, eq + 1);
        let quote = match b.get(q) {
            Some(&c @ (b'"' | b'\'')) => c as char,
            _ => return Err(format!("at {q}: attribute {key} of <{name}> is not quoted")),
        };
        let close = doc[q + 1..].find(quote).ok_or(format!("at {q}: unterminated value of {key}"))? + q + 1;
        let raw = &doc[q + 1..close];
        if raw.contains('<') {
            return Err(format!("at {q}: '<' in the value of {key}"));
        }
        let value = decode(raw).map_err(|e| format!("at {q}: {key}: {e}"))?;
        if attrs.iter().any(|(k, _)| *k == key) {
            return Err(format!("at {k}: attribute {key} twice in <{name}>"));
        }
        attrs.push((key, value));
        j = close + 1;
    }
}

/// An XML name at `i` and the offset after it.
fn name_at(doc: &str, i: usize) -> Result<(String, usize), String> {
    let rest = &doc[i..];
    let len = rest.find(|c: char| !(c.is_alphanumeric() || "_:-.".contains(c))).unwrap_or(rest.len());
    let name = &rest[..len];
    match name.chars().next() {
        Some(c) if c.is_alphabetic() || c == '_' || c == ':' => Ok((name.to_string(), i + len)),
        _ => Err(format!("at {i}: expected a name")),
    }
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// Text with its entities decoded; a `&` that starts no valid entity is an error.
fn decode(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        let end = rest[k..].find(';').ok_or(format!("'&' without ';' in {s:?}"))? + k;
        let entity = &rest[k + 1..end];
        let c = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = match entity.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => entity.strip_prefix('#').and_then(|d| d.parse().ok()),
                };
                code.and_then(char::from_u32).ok_or(format!("unknown entity &{entity};"))?
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[test]
fn the_checker_refuses_what_is_not_well_formed() {
    let ok = parse("<svg a=\"1\" b='x &amp; &#233;'><text x=\"1\">A &lt; B</text><rect/></svg>\n").unwrap();
    assert_eq!(ok.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["svg", "text", "rect"]);
    assert_eq!(ok[0].attr("b"), Some("x & é"));
    assert_eq!(ok[1].text, "A < B");
    for bad in [
        "<svg><text></svg>",
        "<svg></svg><svg></svg>",
        "<svg a=1/>",
        "<svg a=\"1\"b=\"2\"/>",
        "<svg a=\"1\" a=\"2\"/>",
        "<svg>&nbsp;</svg>",
        "<svg>a & b</svg>",
        "<svg a=\"<\"/>",
        "text<svg/>",
        "<svg>",
        "</svg>",
        "<1svg/>",
    ] {
        assert!(parse(bad).is_err(), "accepted: {bad}");
    }
}
