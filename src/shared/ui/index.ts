/** The shared page shell and components for both zones. */
export { LangContext, useLang, type PageContext } from './context.ts';
export { renderFragment, renderPage } from './render.ts';
export { Layout, portalNav, siteName, workbenchNav, type LayoutProps, type NavItem } from './layout.tsx';
export {
  Button,
  CsrfField,
  DateField,
  ErrorSummary,
  fieldId,
  Form,
  PasswordField,
  TextArea,
  TextField,
  type ButtonProps,
  type FieldError,
  type FieldProps,
  type FieldWidth,
  type FormProps,
  type TextAreaProps,
  type TextFieldProps,
} from './forms.tsx';
export {
  Checkboxes,
  Radios,
  Select,
  type Choice,
  type ChoiceGroupProps,
  type SelectProps,
} from './choices.tsx';
export {
  BackLink,
  CardGrid,
  InsetText,
  Notice,
  Pagination,
  Panel,
  SummaryList,
  Table,
  Tag,
  TodoList,
  VisuallyHidden,
  type CardItem,
  type SummaryRow,
  type TableProps,
  type TagTone,
  type TodoItem,
} from './components.tsx';
export { Emblem, Icon, type IconName } from './icons.tsx';
export { FlashBanner, NotificationBanner, type BannerTone } from './notification-banner.tsx';
