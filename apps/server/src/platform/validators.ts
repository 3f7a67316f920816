/** The identifier validators live in the contracts package, where the web forms use the same ones. */
export { idNumberCheckChar, isValidIdNumber, isValidPhone, isValidUscc, usccCheckChar } from '@zhilv/contracts';
