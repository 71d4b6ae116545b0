//! Colour distance and legibility: CIELAB, CIEDE2000 (ΔE₀₀) and the WCAG 2 contrast ratio, for the colour table's tests.

use plotters::style::RGBColor;

/// An sRGB channel (0–255) as linear light (0–1).
fn linear(v: u8) -> f64 {
    let c = f64::from(v) / 255.0;
    if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
}

/// WCAG 2 relative luminance of an sRGB colour.
pub fn luminance(c: RGBColor) -> f64 {
    0.2126 * linear(c.0) + 0.7152 * linear(c.1) + 0.0722 * linear(c.2)
}

/// WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white).
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// CIELAB (L*, a*, b*) of an sRGB colour, D65 white.
pub fn lab(c: RGBColor) -> [f64; 3] {
    let (r, g, b) = (linear(c.0), linear(c.1), linear(c.2));
    let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
    let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
    let f = |t: f64| if t > 216.0 / 24389.0 { t.cbrt() } else { (24389.0 / 27.0 * t + 16.0) / 116.0 };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// Hue angle in degrees, 0–360 (0 for a grey).
fn hue(b: f64, a: f64) -> f64 {
    if a == 0.0 && b == 0.0 { 0.0 } else { b.atan2(a).to_degrees().rem_euclid(360.0) }
}

/// Mean hue and hue difference (degrees) of two hues, as CIEDE2000 defines them (a grey takes the other's hue).
fn hues(h1: f64, h2: f64, grey: bool) -> (f64, f64) {
    if grey {
        return (h1 + h2, 0.0);
    }
    let d = h2 - h1;
    let dh = if d > 180.0 {
        d - 360.0
    } else if d < -180.0 {
        d + 360.0
    } else {
        d
    };
    let mean = if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    (mean, dh)
}

/// CIEDE2000 colour difference of two CIELAB colours (Sharma, Wu and Dalal 2005; kL = kC = kH = 1).
pub fn ciede2000(x: [f64; 3], y: [f64; 3]) -> f64 {
    let [l1, a1, b1] = x;
    let [l2, a2, b2] = y;
    let c_mean = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (c_mean.powi(7) / (c_mean.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let (h_mean, dh) = hues(hue(b1, a1p), hue(b2, a2p), c1p * c2p == 0.0);
    let (dl, dc) = (l2 - l1, c2p - c1p);
    let d_hue = 2.0 * (c1p * c2p).sqrt() * (dh / 2.0).to_radians().sin();
    let (l_mean, cp_mean) = ((l1 + l2) / 2.0, (c1p + c2p) / 2.0);
    let cos = |deg: f64| deg.to_radians().cos();
    let t = 1.0 - 0.17 * cos(h_mean - 30.0) + 0.24 * cos(2.0 * h_mean) + 0.32 * cos(3.0 * h_mean + 6.0)
        - 0.20 * cos(4.0 * h_mean - 63.0);
    let d_theta = 30.0 * (-((h_mean - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cp_mean.powi(7) / (cp_mean.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (l_mean - 50.0).powi(2) / (20.0 + (l_mean - 50.0).powi(2)).sqrt();
    let (sc, sh) = (1.0 + 0.045 * cp_mean, 1.0 + 0.015 * cp_mean * t);
    let rt = -(2.0 * d_theta).to_radians().sin() * rc;
    let (l, c, h) = (dl / sl, dc / sc, d_hue / sh);
    (l * l + c * c + h * h + rt * c * h).sqrt()
}

/// ΔE₀₀ of two sRGB colours.
pub fn delta_e(a: RGBColor, b: RGBColor) -> f64 {
    ciede2000(lab(a), lab(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairs 1, 7, 17, 18 and 25 of the published CIEDE2000 test data (Sharma, Wu and Dalal 2005, table 1).
    #[test]
    fn ciede2000_matches_the_published_test_data() {
        let cases = [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
            ([50.0, 2.5, 0.0], [61.0, -5.0, 29.0], 22.8977),
            ([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644),
        ];
        for (x, y, want) in cases {
            assert!((ciede2000(x, y) - want).abs() < 1e-4, "{x:?} {y:?}: {} vs {want}", ciede2000(x, y));
            assert!((ciede2000(y, x) - want).abs() < 1e-4, "symmetric");
        }
    }

    #[test]
    fn contrast_and_lab_of_known_colours() {
        let (black, white) = (RGBColor(0, 0, 0), RGBColor(255, 255, 255));
        assert!((contrast(black, white) - 21.0).abs() < 1e-9);
        assert!((contrast(white, white) - 1.0).abs() < 1e-12);
        // WCAG's own example: #777777 on white is just under 4.5.
        assert!((contrast(RGBColor(0x77, 0x77, 0x77), white) - 4.478).abs() < 1e-3);
        let [l, a, b] = lab(white);
        assert!((l - 100.0).abs() < 1e-3 && a.abs() < 1e-3 && b.abs() < 1e-3);
        assert!(lab(black)[0].abs() < 1e-9);
    }
}
