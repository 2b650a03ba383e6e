import { LabIcon } from "@jupyterlab/ui-components";

// A map: three columns of steps under a curve. Drawn here, no external asset.
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
<g class="jp-icon3" fill="#616161">
<rect x="2" y="13" width="5" height="8" rx="1"/><rect x="9.5" y="13" width="5" height="8" rx="1"/><rect x="17" y="13" width="5" height="8" rx="1"/>
</g>
<path class="jp-icon-accent0" fill="none" stroke="#1976d2" stroke-width="2" d="M2 9 C6 3, 9 11, 12 7 S18 3, 22 6"/>
</svg>`;

export const journeyIcon = new LabIcon({ name: "journeywidgets:map", svgstr: svg });
