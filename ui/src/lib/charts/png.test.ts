import { describe, expect, it } from "vitest";
import { canvasSize, chartFileName, pngBase64, svgDataUrl, withSize } from "./png";

describe("chart export", () => {
  it("names files after the chart and the day", () => {
    expect(chartFileName("power-curve", "2026-11-10")).toBe("power-curve-2026-11-10");
    expect(chartFileName("HR zones", "2026-11-10")).toBe("hr-zones-2026-11-10");
    expect(chartFileName("Fitness 2026-01-01 to", "2026-11-10")).toBe("fitness-2026-01-01-to-2026-11-10");
    expect(chartFileName("", "")).toBe("chart");
  });

  it("sizes the root svg, replacing any width and height", () => {
    const sized = withSize('<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 800 300"><svg width="5"/></svg>', 800, 300);
    expect(sized).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 300" width="800" height="300"><svg width="5"/></svg>',
    );
    expect(withSize("<svg>", 10, 20)).toBe('<svg width="10" height="20">');
  });

  it("makes a data URL that decodes back to the svg", () => {
    const svg = '<svg><text>Z2 138–187 W & 50%</text></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(",") + 1))).toBe(svg);
    expect(url).not.toContain("#");
  });

  it("strips the PNG data URL prefix and refuses anything else", () => {
    expect(pngBase64("data:image/png;base64,iVBORw0KGgo=")).toBe("iVBORw0KGgo=");
    expect(() => pngBase64("data:,")).toThrow();
    expect(() => pngBase64("data:image/png;base64,")).toThrow();
  });

  it("doubles the canvas, in whole pixels", () => {
    expect(canvasSize(800, 300.4, 2)).toEqual({ width: 1600, height: 601 });
    expect(canvasSize(0, 0, 2)).toEqual({ width: 1, height: 1 });
  });
});
