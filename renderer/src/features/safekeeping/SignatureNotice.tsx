/** Who signed an exchange or backup file, as this machine knows them; offers to trust a new signer. */
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { getDb } from '../../db/database';
import { useToast } from '../../ui/Toast';
import { failureText } from './failure';
import { deviceSigningKey, deviceUsuallySigns, fingerprint, signerTrust, trustSigner, type SignatureCheck, type SignerTrust } from './signing';

export function SignatureNotice({ signature, deviceId, deviceName }: { signature: SignatureCheck; deviceId: string; deviceName: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const [trust, setTrust] = useState<SignerTrust | null>(null);
  const [usuallySigns, setUsuallySigns] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const publicKey = signature.status === 'valid' ? signature.signer.publicKey : null;

  useEffect(() => {
    let live = true;
    if (publicKey) void signerTrust(getDb(), publicKey, deviceId).then((v) => live && setTrust(v));
    else void deviceUsuallySigns(getDb(), deviceId).then((v) => live && setUsuallySigns(v));
    return () => {
      live = false;
    };
  }, [publicKey, deviceId]);

  if (signature.status === 'invalid') return null; // refused before any preview
  if (signature.status === 'unsigned') {
    return (
      <p className="alert alert-warn" data-testid="signature-notice">
        {usuallySigns ? t('signature.unsignedFromSigner', { name: deviceName || t('signature.noName') }) : t('signature.unsigned')}
      </p>
    );
  }
  if (!trust) return null;
  const name = signature.signer.deviceName || t('signature.noName');
  const params = { name, fingerprint: signature.fingerprint };
  if (trust.kind !== 'unknown') {
    return (
      <p className="alert alert-ok" data-testid="signature-notice">
        {t(trust.kind === 'self' ? 'signature.self' : 'signature.trusted', params)}
      </p>
    );
  }
  async function trustIt() {
    if (signature.status !== 'valid') return;
    try {
      await trustSigner(getDb(), signature.signer, deviceId);
      setTrust(await signerTrust(getDb(), signature.signer.publicKey, deviceId));
      toast(t('signature.trustedNow', { name }));
    } catch (e) {
      setError(failureText(t, e));
    }
  }
  return (
    <div className="alert alert-warn" data-testid="signature-notice">
      <p style={{ marginTop: 0 }}>{t('signature.unknown', params)}</p>
      {trust.replaces ? <p>{t('signature.keyChanged', { previous: trust.replaces })}</p> : null}
      <button type="button" className="btn btn-small" onClick={() => void trustIt()}>
        {t('signature.trust')}
      </button>
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}

/** This machine's own fingerprint, to read out to the people it exchanges files with. */
export function OwnSignature() {
  const { t } = useI18n();
  const [print, setPrint] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void deviceSigningKey(getDb()).then((key) => live && setPrint(fingerprint(key.publicKey)));
    return () => {
      live = false;
    };
  }, []);
  return print ? (
    <p className="muted" data-testid="own-fingerprint">
      {t('signature.own', { fingerprint: print })}
    </p>
  ) : null;
}
