import { ApiError, currentCsrfToken, errorFromBody } from '../../app/api';
import i18n, { currentLocale } from '../../app/i18n';

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // not JSON: a proxy's page
  }
}

/**
 * PUTs a file as the raw request body. XMLHttpRequest rather than fetch because only it reports
 * upload progress; the headers are those of api.ts's request.
 */
export function putFile<T>(path: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLocale());
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', currentCsrfToken() ?? '');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(errorFromBody(xhr.status, parse(xhr.responseText)));
      onProgress(100);
      resolve(parse(xhr.responseText) as T);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', i18n.t('errors.network')));
    xhr.send(file);
  });
}
