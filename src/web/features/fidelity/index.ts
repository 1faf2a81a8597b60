export { FidelityReportPage } from './FidelityReportPage';
