/**
 * Switchboard's look, readable by everyone (WCAG AA contrast, checked by axe in the browser
 * tests): filled buttons pick dark or light text by their colour (autoContrast); links and the
 * primary colour one shade darker than Mantine's default; text on light tints (alerts, badges,
 * light buttons) a darkened shade 9 of its colour; secondary ("dimmed") text gray 7, not 6.
 */
import { createTheme, darken, defaultVariantColorsResolver, parseThemeColor, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  autoContrast: true,
  // Orange and green fills take dark text (their white text would fall under 4.5:1).
  luminanceThreshold: 0.2,
  defaultRadius: 'sm',
  variantColorResolver: (input) => {
    const colors = defaultVariantColorsResolver(input);
    if (input.variant !== 'light' && input.variant !== 'subtle') return colors;
    const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
    if (!parsed.isThemeColor) return colors;
    const text = darken(input.theme.colors[parsed.color]![9], 0.3);
    return { ...colors, color: text, hoverColor: text };
  },
});

export const cssVariables: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7], '--mantine-color-anchor': t.colors.indigo[8] },
  dark: {},
});
