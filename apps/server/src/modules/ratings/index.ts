export { getRatingSummaries, type TRatingSummary, type TRatingTargetType } from './rating-summaries.js';
