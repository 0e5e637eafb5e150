export { checklistsRoutes, attachmentHeader } from './checklists.routes';
export {
  seedDefaultChecklists,
  listCatalogues,
  getCatalogue,
  getVersion,
  createCatalogue,
  updateCatalogue,
  copyCatalogue,
  createDraft,
  publishVersion,
  addAspect,
  addItem,
  importCatalogue,
  exportVersion,
} from './catalogues.service';
export {
  getInspectionChecklist,
  generateInspectionChecklist,
  generateRoundChecklists,
  addTeamChecklistItem,
  removeTeamChecklistItem,
  markChecklistItem,
  inspectionChecklistCoverage,
  type InspectionChecklistItem,
  type InspectionChecklistView,
  type GenerationSummary,
} from './inspection-checklist.service';
