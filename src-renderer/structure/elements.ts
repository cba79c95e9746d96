/**
 * Display properties of the elements found in interatomic-potential work. Colours follow the Jmol
 * palette (what VESTA/OVITO users recognise); radii are covalent radii in Å (Cordero et al. 2008),
 * used only to size spheres on screen.
 */
interface ElementStyle {
  color: string
  radius: number
}

const elementStyles: Record<string, ElementStyle> = {
  H: { color: '#ffffff', radius: 0.31 },
  Li: { color: '#cc80ff', radius: 1.28 },
  Be: { color: '#c2ff00', radius: 0.96 },
  B: { color: '#ffb5b5', radius: 0.84 },
  C: { color: '#909090', radius: 0.76 },
  N: { color: '#3050f8', radius: 0.71 },
  O: { color: '#ff0d0d', radius: 0.66 },
  F: { color: '#90e050', radius: 0.57 },
  Na: { color: '#ab5cf2', radius: 1.66 },
  Mg: { color: '#8aff00', radius: 1.41 },
  Al: { color: '#bfa6a6', radius: 1.21 },
  Si: { color: '#f0c8a0', radius: 1.11 },
  P: { color: '#ff8000', radius: 1.07 },
  S: { color: '#ffff30', radius: 1.05 },
  Cl: { color: '#1ff01f', radius: 1.02 },
  K: { color: '#8f40d4', radius: 2.03 },
  Ca: { color: '#3dff00', radius: 1.76 },
  Ti: { color: '#bfc2c7', radius: 1.6 },
  V: { color: '#a6a6ab', radius: 1.53 },
  Cr: { color: '#8a99c7', radius: 1.39 },
  Mn: { color: '#9c7ac7', radius: 1.39 },
  Fe: { color: '#e06633', radius: 1.32 },
  Co: { color: '#f090a0', radius: 1.26 },
  Ni: { color: '#50d050', radius: 1.24 },
  Cu: { color: '#c88033', radius: 1.32 },
  Zn: { color: '#7d80b0', radius: 1.22 },
  Ga: { color: '#c28f8f', radius: 1.22 },
  Ge: { color: '#668f8f', radius: 1.2 },
  Zr: { color: '#94e0e0', radius: 1.75 },
  Nb: { color: '#73c2c9', radius: 1.64 },
  Mo: { color: '#54b5b5', radius: 1.54 },
  Ru: { color: '#248f8f', radius: 1.46 },
  Rh: { color: '#0a7d8c', radius: 1.42 },
  Pd: { color: '#006985', radius: 1.39 },
  Ag: { color: '#c0c0c0', radius: 1.45 },
  Cd: { color: '#ffd98f', radius: 1.44 },
  In: { color: '#a67573', radius: 1.42 },
  Sn: { color: '#668080', radius: 1.39 },
  Hf: { color: '#4dc2ff', radius: 1.75 },
  Ta: { color: '#4da6ff', radius: 1.7 },
  W: { color: '#2194d6', radius: 1.62 },
  Re: { color: '#267dab', radius: 1.51 },
  Pt: { color: '#d0d0e0', radius: 1.36 },
  Au: { color: '#ffd123', radius: 1.36 },
}

/**
 * Colours for species that are not element symbols (MLIP type indices without a mapping): a
 * qualitative palette distinguishable in both themes and by most colour-blind viewers (Okabe–Ito).
 */
const fallbackPalette = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#999999']

const fallbackRadius = 1.3

export interface SpeciesStyle {
  label: string
  color: string
  /** Covalent radius in Å (or a generic 1.3 Å when the species is not an element symbol). */
  radius: number
}

/** Style per species, in the order given; unknown species take palette colours in order of appearance. */
export function speciesStyles(species: readonly string[]): SpeciesStyle[] {
  let unknown = 0
  return species.map((label) => {
    const known = elementStyles[label]
    if (known) return { label, ...known }
    const color = fallbackPalette[unknown % fallbackPalette.length]
    unknown += 1
    return { label, color, radius: fallbackRadius }
  })
}

/** "#rrggbb" → [r, g, b] in 0…1, the form NGL shapes take. */
export function hexToRgb(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`)
  return [parseInt(match[1], 16) / 255, parseInt(match[2], 16) / 255, parseInt(match[3], 16) / 255]
}
