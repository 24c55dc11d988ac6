import {
  defaultApplicationsDir,
  FormVersions,
  loadApplicationForms,
} from '../../shared/application-forms/index.ts';
import { loadCatalogItems, type ServiceItem } from '../../shared/catalog/index.ts';

/**
 * The online forms the portal offers, read and checked against their catalogue items when the zone starts:
 * a broken form stops the start rather than failing a citizen halfway through an application.
 */
export function loadPortalForms(
  dir: string = defaultApplicationsDir,
  items: readonly ServiceItem[] = loadCatalogItems(),
): FormVersions {
  return new FormVersions(loadApplicationForms(dir, items));
}
