use offpeak_charts::{Palette, Rgb, Theme};

#[test]
fn the_themes_differ_on_the_card_and_text() {
    let light = Palette::for_theme(Theme::Light);
    let dark = Palette::for_theme(Theme::Dark);
    assert_eq!(light.background.hex(), "#FFFFFF");
    assert_eq!(dark.background.hex(), "#1C1F26");
    assert_ne!(light.text, dark.text);
    assert_ne!(light.grid, dark.grid);
}

/// The hue in degrees of a colour with some saturation.
fn hue(Rgb(r, g, b): Rgb) -> f64 {
    let (r, g, b) = (f64::from(r), f64::from(g), f64::from(b));
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    let h = if max == r {
        60.0 * ((g - b) / (max - min))
    } else if max == g {
        60.0 * ((b - r) / (max - min) + 2.0)
    } else {
        60.0 * ((r - g) / (max - min) + 4.0)
    };
    h.rem_euclid(360.0)
}

#[test]
fn series_keep_their_hue_across_themes() {
    let light = Palette::for_theme(Theme::Light);
    let dark = Palette::for_theme(Theme::Dark);
    let pairs = [
        (light.power, dark.power),
        (light.heart_rate, dark.heart_rate),
        (light.cadence, dark.cadence),
        (light.speed, dark.speed),
        (light.fitness, dark.fitness),
        (light.fatigue, dark.fatigue),
        (light.form_positive, dark.form_positive),
        (light.form_negative, dark.form_negative),
    ];
    for (a, b) in pairs {
        let apart = (hue(a) - hue(b)).abs();
        assert!(
            apart.min(360.0 - apart) < 20.0,
            "{} vs {}",
            a.hex(),
            b.hex()
        );
    }
}

#[test]
fn zones_beyond_the_palette_reuse_the_last_colour() {
    let palette = Palette::for_theme(Theme::Light);
    assert_eq!(palette.zone(0), palette.zones[0]);
    assert_eq!(palette.zone(9), palette.zones[6]);
}
