import { ApiError, currentCsrfToken, errorFromBody } from './api';
import i18n, { currentLocale } from './i18n';

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not JSON: a proxy's page
  }
}

interface UploadOptions {
  method?: 'POST' | 'PUT';
  /** The body's media type; the registry import wants octet-stream whatever the file is. */
  contentType?: string;
}

/**
 * Sends a file as the raw request body and resolves the JSON answer. XMLHttpRequest rather than
 * fetch because only it reports upload progress; the headers are those of api.ts's request.
 */
export function uploadFile<T>(path: string, file: Blob, onProgress: (percent: number) => void, { method = 'POST', contentType = 'application/octet-stream' }: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLocale());
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('X-CSRF-Token', currentCsrfToken() ?? '');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status < 200 || xhr.status >= 300 || body === undefined) return reject(errorFromBody(xhr.status, body ?? null));
      onProgress(100);
      resolve(body as T);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', i18n.t('errors.network')));
    xhr.send(file);
  });
}
