// The one door of the Grafana alerting client: a request answered with Grafana's status and JSON body, HTTP errors
// included (so a 400's `{"message": ...}` reaches the user verbatim). In the app it is @grafana/runtime's backendSrv
// (Grafana's session cookie and org header); the CLI could pass one over GrafanaHttpApi.
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

export type AlertingMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface AlertingHttp {
  /** Resolves with any HTTP status; rejects only when Grafana did not answer. */
  request(
    method: AlertingMethod,
    path: string,
    body?: unknown,
    headers?: Record<string, string>
  ): Promise<{ status: number; data: unknown }>;
}

export const backendSrvAlertingHttp: AlertingHttp = {
  async request(method, path, body, headers) {
    try {
      const res = await lastValueFrom(
        getBackendSrv().fetch<unknown>({
          url: path,
          method,
          data: body,
          headers,
          showErrorAlert: false,
          showSuccessAlert: false,
        })
      );
      return { status: res.status, data: res.data };
    } catch (e) {
      if (isFetchError(e) && e.status) {
        return { status: e.status, data: e.data };
      }
      throw e;
    }
  },
};
