export { UserPicker, PERSON_FIELDS } from './UserPicker';
export type { PersonKind, UserPickerProps } from './UserPicker';
