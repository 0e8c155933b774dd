//! How deep a body's HTML makes the sanitiser's HTML parser nest: an estimate of its
//! stack of open elements, following the HTML parsing rules that grow and shrink it
//! (elements that close themselves or a paragraph, formatting elements that stay
//! active and are opened again, end tags that do not match). The parser looks
//! through that stack at each tag, so its depth bounds the cost of a tag.

/// The open elements of a page's HTML, as far as the HTML parser will nest them.
#[derive(Debug, Default)]
pub struct OpenElements {
    /// The stack of open elements, innermost last (ids ascending).
    stack: Vec<Open>,
    /// Formatting elements (`<b>`, `<a>`…) still active: the parser opens them again
    /// (a new element) when inline content follows, until their end tag.
    active: Vec<Active>,
    /// Inside `<script>`, `<style>`, `<textarea>`…: the name whose end tag ends the text.
    raw_text: Option<String>,
    next_id: u64,
}

/// An open element.
#[derive(Debug)]
struct Open {
    name: String,
    id: u64,
}

/// A formatting element still active, and the id of its element (open or not).
#[derive(Debug)]
struct Active {
    name: String,
    attributes: String,
    id: u64,
}

impl OpenElements {
    /// How many elements the parser may have open: those open, and the active
    /// formatting elements it would open again.
    pub fn depth(&self) -> usize {
        let closed = self.active.iter().filter(|a| self.position(a.id).is_none());
        self.stack.len() + closed.count()
    }

    /// Reads some raw HTML; returns the offset of the first tag after which the depth is
    /// over `limit`, if there is one.
    pub fn read(&mut self, raw: &str, limit: usize) -> Option<usize> {
        let mut at = 0;
        while let Some(lt) = raw[at..].find('<').map(|i| at + i) {
            if self.raw_text.is_none() && lt > at {
                self.text();
            }
            let rest = &raw[lt + 1..];
            if let Some(comment) = rest.strip_prefix("!--") {
                at = comment.find("-->").map_or(raw.len(), |i| lt + 4 + i + 3);
                continue;
            }
            let Some(gt) = rest.find('>') else { break };
            at = lt + 1 + gt + 1;
            let Some(tag) = Tag::parse(&rest[..gt]) else {
                continue;
            };
            if let Some(text_of) = &self.raw_text {
                if !(tag.closing && tag.name == *text_of) {
                    continue;
                }
                self.raw_text = None;
            }
            if tag.closing {
                self.end(&tag.name);
            } else {
                self.start(&tag.name, &tag.attributes, tag.self_closing);
                if self.depth() > limit {
                    return Some(lt);
                }
            }
        }
        if self.raw_text.is_none() && at < raw.len() {
            self.text();
        }
        None
    }

    /// Text (even a line break) in the current element: the active formatting elements
    /// that are closed open again, inside it.
    pub fn text(&mut self) {
        self.reopen_active();
    }

    /// A start tag.
    pub fn start(&mut self, name: &str, attributes: &str, self_closing: bool) {
        if closes_paragraph(name) {
            self.close_in_scope("p", true);
        }
        match name {
            "li" => self.close_item(&["li"]),
            "dd" | "dt" => self.close_item(&["dd", "dt"]),
            // A heading does not nest in the heading left open before it.
            _ if is_heading(name)
                && self.stack.last().is_some_and(|open| is_heading(&open.name)) =>
            {
                self.stack.pop();
            }
            _ => {}
        }
        if is_formatting(name) {
            if name == "a" || name == "nobr" {
                self.end(name);
                self.active.retain(|a| a.name != name);
            }
            self.reopen_active();
            let id = self.push(name);
            // Noah's Ark: at most three of one element with the same attributes stay active.
            let same = |a: &Active| a.name == name && a.attributes == attributes;
            if self.active.iter().filter(|a| same(a)).count() >= 3 {
                if let Some(first) = self.active.iter().position(same) {
                    self.active.remove(first);
                }
            }
            self.active.push(Active {
                name: name.to_string(),
                attributes: attributes.to_string(),
                id,
            });
            return;
        }
        if !is_special(name) {
            self.reopen_active();
        }
        if !self_closing && !is_void(name) && !is_implied(name) {
            if is_raw_text(name) {
                self.raw_text = Some(name.to_string());
            }
            self.push(name);
        }
    }

    /// An end tag.
    pub fn end(&mut self, name: &str) {
        if is_formatting(name) {
            if let Some(i) = self.active.iter().rposition(|a| a.name == name) {
                match self.position(self.active[i].id) {
                    None => {
                        self.active.remove(i);
                    }
                    Some(at) => {
                        // With a special element open inside it, the parser moves that
                        // element out and keeps a copy active: the estimate keeps both.
                        let inside = &self.stack[at + 1..];
                        if !inside.iter().any(|o| is_special(&o.name)) {
                            self.stack.truncate(at);
                            self.active.remove(i);
                        }
                    }
                }
                return;
            }
        }
        if is_special(name) {
            self.close_in_scope(name, name == "p");
            return;
        }
        // Any other end tag closes its element unless a special one is open inside it.
        for i in (0..self.stack.len()).rev() {
            if self.stack[i].name == name {
                self.stack.truncate(i);
                return;
            }
            if is_special(&self.stack[i].name) {
                return;
            }
        }
    }

    /// The index in the stack of the element `id`, if it is open.
    fn position(&self, id: u64) -> Option<usize> {
        self.stack.binary_search_by_key(&id, |o| o.id).ok()
    }

    fn push(&mut self, name: &str) -> u64 {
        self.next_id += 1;
        self.stack.push(Open {
            name: name.to_string(),
            id: self.next_id,
        });
        self.next_id
    }

    /// The parser opens a new element for each active formatting element that is closed.
    fn reopen_active(&mut self) {
        for i in 0..self.active.len() {
            if self.position(self.active[i].id).is_none() {
                let name = self.active[i].name.clone();
                self.active[i].id = self.push(&name);
            }
        }
    }

    /// Closes the innermost `name` unless a scope boundary is open inside it.
    fn close_in_scope(&mut self, name: &str, button_scope: bool) {
        for i in (0..self.stack.len()).rev() {
            let open = self.stack[i].name.as_str();
            if open == name {
                self.stack.truncate(i);
                return;
            }
            if is_scope_boundary(open) || (button_scope && open == "button") {
                return;
            }
        }
    }

    /// A new list item (or definition) closes the open one, unless a special element
    /// other than `address`, `div` or `p` is open inside it.
    fn close_item(&mut self, names: &[&str]) {
        for i in (0..self.stack.len()).rev() {
            let open = self.stack[i].name.as_str();
            if names.contains(&open) {
                self.stack.truncate(i);
                return;
            }
            if is_special(open) && !matches!(open, "address" | "div" | "p") {
                return;
            }
        }
    }
}

/// One tag: `<name attributes>`, `</name>` or `<name/>`.
struct Tag {
    name: String,
    attributes: String,
    closing: bool,
    self_closing: bool,
}

impl Tag {
    /// The tag written between `<` and `>`, if it is one (not `<!doctype>`, `< 1`…).
    fn parse(inside: &str) -> Option<Tag> {
        let closing = inside.starts_with('/');
        let body = &inside[usize::from(closing)..];
        let name_len = body
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if !body.as_bytes().first()?.is_ascii_alphabetic() {
            return None;
        }
        let rest = body[name_len..].trim();
        Some(Tag {
            name: body[..name_len].to_ascii_lowercase(),
            attributes: rest.trim_end_matches('/').trim().to_string(),
            closing,
            self_closing: rest.ends_with('/'),
        })
    }
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// Elements that never hold others.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements the estimate leaves out: their next sibling closes them (table parts,
/// options, ruby text), or the parser ignores them in a body.
fn is_implied(name: &str) -> bool {
    matches!(
        name,
        "tr" | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "colgroup"
            | "option"
            | "optgroup"
            | "rb"
            | "rt"
            | "rtc"
            | "rp"
            | "html"
            | "head"
            | "body"
    )
}

/// Elements whose text is not HTML: tags inside them are text.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes"
    )
}

/// Start tags that close an open paragraph.
fn closes_paragraph(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "search"
            | "section"
            | "summary"
            | "table"
            | "ul"
            | "xmp"
    )
}

/// Elements that stop a search for an element to close.
fn is_scope_boundary(name: &str) -> bool {
    matches!(
        name,
        "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template"
    )
}

/// The HTML parser's special elements (an end tag for another element does not close them).
fn is_special(name: &str) -> bool {
    closes_paragraph(name)
        || is_void(name)
        || is_scope_boundary(name)
        || is_implied(name)
        || is_raw_text(name)
        || matches!(
            name,
            "button" | "dd" | "dt" | "frameset" | "li" | "noscript" | "plaintext" | "select"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(html: &str) -> usize {
        let mut open = OpenElements::default();
        open.read(html, usize::MAX);
        open.depth()
    }

    #[test]
    fn nested_elements_count_and_closed_ones_do_not() {
        assert_eq!(depth(&"<div>".repeat(10)), 10);
        assert_eq!(depth(&"<div><span>x</span></div>".repeat(10)), 0);
        assert_eq!(depth(&"<ul><li>".repeat(10)), 20);
        assert_eq!(depth("<div><br><img src=x><hr/><x-y/></div>"), 0);
        assert_eq!(depth("<!-- <div><div> --><script>'<div>'</script>"), 0);
    }

    #[test]
    fn sloppy_paragraphs_and_items_do_not_grow() {
        assert_eq!(depth(&"<p>text".repeat(100)), 1);
        assert_eq!(depth(&"<ul><li>a<li>b<li>c</ul>".repeat(100)), 0);
        // An unclosed `<b>` stays active, but only three alike count.
        assert_eq!(depth(&"<p><b>x</p>".repeat(100)), 3);
        // Text between paragraphs opens the active `<b>` again, outside them: the
        // parser nests every following paragraph in it.
        assert_eq!(depth(&"<p><b>x</p>\n".repeat(10)), 10);
        assert_eq!(depth(&"<b><i>x</b></i>".repeat(100)), 0);
        assert_eq!(depth(&"<h2>x<h3>y".repeat(100)), 1);
    }

    #[test]
    fn misnested_elements_grow_as_the_parser_nests_them() {
        assert_eq!(depth(&"<b><div></b>".repeat(10)), 20);
        assert_eq!(depth(&"<span><div></span>".repeat(10)), 20);
        assert_eq!(depth(&"<i></p>".repeat(10)), 10);
        // Each `<em>` opens the `<strong>` left active again, outside itself.
        assert_eq!(depth(&"<em><strong></em>".repeat(10)), 9 + 1);
        let distinct: String = (0..10).map(|i| format!("<p><b class={i}>x</p>")).collect();
        assert_eq!(depth(&distinct), 10);
    }
}
