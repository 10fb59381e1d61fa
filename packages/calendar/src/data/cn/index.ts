/**
 * The mainland-China year modules, one line per year. To add 2027: write `2027.ts`
 * from the State Council notice and add its line here — no code change.
 */
export { default as y2007 } from './2007.js';
export { default as y2008 } from './2008.js';
export { default as y2009 } from './2009.js';
export { default as y2010 } from './2010.js';
export { default as y2011 } from './2011.js';
export { default as y2012 } from './2012.js';
export { default as y2013 } from './2013.js';
export { default as y2014 } from './2014.js';
export { default as y2015 } from './2015.js';
export { default as y2016 } from './2016.js';
export { default as y2017 } from './2017.js';
export { default as y2018 } from './2018.js';
export { default as y2019 } from './2019.js';
export { default as y2020 } from './2020.js';
export { default as y2021 } from './2021.js';
export { default as y2022 } from './2022.js';
export { default as y2023 } from './2023.js';
export { default as y2024 } from './2024.js';
export { default as y2025 } from './2025.js';
export { default as y2026 } from './2026.js';
