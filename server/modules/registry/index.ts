export { registryRoutes, uploadedFile } from './registry.routes';
export { applyCountyDivisions, seedDefaultTags, createCadre, updateVillageProfile } from './registry.service';
export { loadCountyFromPackage } from './division-source';
export { countDivisions } from './registry.repository';
export { numberText } from './spreadsheet-reader';
