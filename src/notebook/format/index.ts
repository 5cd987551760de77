export * from './types';
export { parseLab } from './parse';
export { serializeLab, isEdited } from './serialize';
export { CELL_LANGUAGES, isCellLanguage } from './languages';
export { formatAttribute, parseAttributes } from './attributes';
export { derivedId } from './cellIds';
export { decodeLab, encodeLab, type TextEncoding } from './encoding';
export { validateLabText } from './validateLab';
