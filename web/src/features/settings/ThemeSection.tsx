import { useState } from 'react';
import { applyTheme, storedTheme, type Theme } from '../../ui/theme';
import { Section } from './Section';

const CHOICES: Array<[Theme, string]> = [
  ['system', 'Same as the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

export function ThemeSection() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  return (
    <Section title="Appearance">
      <fieldset className="choices">
        <legend>Theme</legend>
        {CHOICES.map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name="theme"
              value={value}
              checked={theme === value}
              onChange={() => {
                applyTheme(value);
                setTheme(value);
              }}
            />
            {label}
          </label>
        ))}
      </fieldset>
    </Section>
  );
}
