//! Image dimensions, read from a file's header once per file (PNG, JPEG, GIF, WebP,
//! AVIF, BMP, ICO with `imagesize`; SVG from its root element's `width`/`height` or
//! `viewBox`), so that pages give every image its `width` and `height` and Open Graph
//! its size.

use std::collections::HashMap;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::files::{open_regular, Stamp};

/// Width and height in CSS pixels.
pub type Size = (u32, u32);

/// How much of an SVG file is read to find its root element.
const SVG_HEAD: u64 = 8 * 1024;

/// Whether a file name is one of the image formats herald reads sizes of.
pub fn is_image(name: &str) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(
        ext.as_deref(),
        Some("png" | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "bmp" | "ico" | "svg")
    )
}

/// The size of an image file, if it is one herald can read (`None` otherwise).
pub fn size_of_file(path: &Path) -> Option<Size> {
    let name = path.file_name()?.to_string_lossy();
    if !is_image(&name) {
        return None;
    }
    let file = open_regular(path).ok()?;
    if name.to_ascii_lowercase().ends_with(".svg") {
        let mut head = String::new();
        file.take(SVG_HEAD).read_to_string(&mut head).ok()?;
        return svg_size(&head);
    }
    let size = imagesize::reader_size(BufReader::new(file)).ok()?;
    Some((
        u32::try_from(size.width).ok()?,
        u32::try_from(size.height).ok()?,
    ))
}

/// The size of an image held in memory (a theme compiled into the binary).
pub fn size_of_bytes(name: &str, bytes: &[u8]) -> Option<Size> {
    if !is_image(name) {
        return None;
    }
    if name.to_ascii_lowercase().ends_with(".svg") {
        let head = &bytes[..bytes.len().min(SVG_HEAD as usize)];
        return svg_size(&String::from_utf8_lossy(head));
    }
    let size = imagesize::blob_size(bytes).ok()?;
    Some((
        u32::try_from(size.width).ok()?,
        u32::try_from(size.height).ok()?,
    ))
}

/// The size an SVG declares on its root element: `width` and `height` in pixels (or
/// unitless), else its `viewBox`.
pub fn svg_size(text: &str) -> Option<Size> {
    let start = text.find("<svg")?;
    let rest = &text[start + 4..];
    let tag = &rest[..rest.find('>')?];
    let attr = |name: &str| -> Option<&str> {
        let mut from = 0;
        while let Some(i) = tag[from..].find(name) {
            let at = from + i;
            from = at + name.len();
            let before = tag[..at].chars().last();
            if !before.is_some_and(char::is_whitespace) {
                continue;
            }
            let after = tag[from..].trim_start().strip_prefix('=')?.trim_start();
            let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let value = &after[1..];
            return Some(&value[..value.find(quote)?]);
        }
        None
    };
    let pixels = |v: &str| -> Option<u32> {
        let v = v.trim().strip_suffix("px").unwrap_or(v.trim());
        let n: f64 = v.parse().ok()?;
        (n.is_finite() && n > 0.0 && n < 1e6).then(|| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (
        attr("width").and_then(pixels),
        attr("height").and_then(pixels),
    ) {
        return Some((w, h));
    }
    let view: Vec<f64> = attr("viewBox")?
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    match view[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 && w < 1e6 && h < 1e6 => {
            Some((w.round() as u32, h.round() as u32))
        }
        _ => None,
    }
}

/// Sizes already read, by file and the stamp it had: a file is read again only when it
/// changed (watch mode keeps one across rebuilds).
#[derive(Debug, Default)]
pub struct SizeCache {
    known: HashMap<PathBuf, (Stamp, Option<Size>)>,
}

impl SizeCache {
    /// The size of the image at `path` whose stamp is `stamp`.
    pub fn size(&mut self, path: &Path, stamp: Stamp) -> Option<Size> {
        if let Some((known, size)) = self.known.get(path) {
            if stamp.is_some() && *known == stamp {
                return *size;
            }
        }
        let size = size_of_file(path);
        self.known.insert(path.to_path_buf(), (stamp, size));
        size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes_come_from_width_and_height_else_the_view_box() {
        assert_eq!(
            svg_size(
                r#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="640" height="240px" viewBox="0 0 1 1">"#
            ),
            Some((640, 240))
        );
        assert_eq!(
            svg_size(r#"<svg stroke-width="3" viewBox="0 0 300.4 150">"#),
            Some((300, 150))
        );
        assert_eq!(svg_size(r#"<svg width="50%" height="2em">"#), None);
        assert_eq!(svg_size("not an svg"), None);
    }

    #[test]
    fn only_image_names_are_images() {
        assert!(is_image("map.PNG"));
        assert!(is_image("a.b.svg"));
        assert!(!is_image("notes.txt"));
        assert!(!is_image("png"));
    }
}
