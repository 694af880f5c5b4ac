/**
 * Draw a signature with the mouse, a finger or a stylus (signature_pad handles
 * pointer events and smooth strokes), or — for people who cannot draw — type
 * one's name and attest presence; the typed name is rendered to a PNG and the
 * signature is recorded with method 'typed' so the sheet says it was typed.
 */
import { useEffect, useId, useRef, useState } from 'react';
import SignaturePadLib from 'signature_pad';
import { useT } from '../../i18n';
import type { Signature } from '../../domain/attendance';
import { FormAlert } from '../../ui/Field';

export interface SignatureValue {
  image: string;
  method: Signature['method'];
}

const WIDTH = 480;
const HEIGHT = 180;

/** The typed name written on a white canvas, so both methods store the same kind of image. */
export function renderTypedSignature(name: string, attestation: string): string {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas.toDataURL('image/png');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  ctx.fillStyle = '#000';
  ctx.font = 'italic 36px serif';
  ctx.fillText(name.slice(0, 40), 16, 80);
  ctx.font = '14px sans-serif';
  ctx.fillText(attestation.slice(0, 70), 16, 130);
  return canvas.toDataURL('image/png');
}

export function SignaturePad({ signerName, onValidate, onCancel }: { signerName: string; onValidate: (value: SignatureValue) => void | Promise<void>; onCancel?: () => void }) {
  const t = useT();
  const id = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadLib | null>(null);
  const [empty, setEmpty] = useState(true);
  const [mode, setMode] = useState<'draw' | 'type'>('draw');
  const [typedName, setTypedName] = useState('');
  const [attested, setAttested] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || mode !== 'draw') return;
    // Sharp strokes on high-density screens: size the bitmap to the device pixels.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = WIDTH * ratio;
    canvas.height = HEIGHT * ratio;
    canvas.getContext('2d')?.scale(ratio, ratio);
    const pad = new SignaturePadLib(canvas, { backgroundColor: 'rgb(255,255,255)', penColor: 'rgb(0,0,0)' });
    pad.clear();
    const onEnd = () => setEmpty(pad.isEmpty());
    pad.addEventListener('endStroke', onEnd);
    padRef.current = pad;
    return () => {
      pad.removeEventListener('endStroke', onEnd);
      pad.off();
      padRef.current = null;
    };
  }, [mode]);

  function clear() {
    padRef.current?.clear();
    setEmpty(true);
    setError(null);
  }

  async function validate() {
    if (mode === 'draw') {
      const pad = padRef.current;
      if (!pad || pad.isEmpty()) {
        setError(t('signature.error.empty'));
        return;
      }
      await onValidate({ image: pad.toDataURL('image/png'), method: 'drawn' });
      return;
    }
    if (typedName.trim().length < 2) {
      setError(t('signature.error.typedName'));
      return;
    }
    if (!attested) {
      setError(t('signature.error.attest'));
      return;
    }
    await onValidate({ image: renderTypedSignature(typedName.trim(), t('signature.typed.stamp')), method: 'typed' });
  }

  return (
    <div className="signature-pad">
      <p className="muted">{t('signature.for', { name: signerName })}</p>
      {mode === 'draw' ? (
        <>
          <canvas
            ref={canvasRef}
            className="signature-canvas"
            style={{ width: WIDTH, height: HEIGHT, maxWidth: '100%', touchAction: 'none', border: '1px solid var(--border)', borderRadius: 6, background: '#fff' }}
            role="img"
            aria-label={t('signature.canvas', { name: signerName })}
            data-testid="signature-canvas"
          />
          <p className="hint muted">{t('signature.draw.hint')}</p>
        </>
      ) : (
        <div>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('signature.typed.name')}</label>
            <input id={`${id}-name`} type="text" value={typedName} onChange={(e) => setTypedName(e.target.value)} autoComplete="off" />
          </div>
          <div className="field">
            <label>
              <input type="checkbox" checked={attested} onChange={(e) => setAttested(e.target.checked)} /> {t('signature.typed.attest')}
            </label>
          </div>
        </div>
      )}
      <FormAlert>{error}</FormAlert>
      <div className="toolbar">
        {mode === 'draw' ? (
          <button type="button" className="btn" onClick={clear} disabled={empty}>
            {t('signature.clear')}
          </button>
        ) : null}
        <button type="button" className="btn-link" onClick={() => { setMode(mode === 'draw' ? 'type' : 'draw'); setError(null); }}>
          {mode === 'draw' ? t('signature.switch.type') : t('signature.switch.draw')}
        </button>
        <span style={{ flex: 1 }} />
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
        <button type="button" className="btn btn-primary" onClick={() => void validate()}>
          {t('signature.validate')}
        </button>
      </div>
    </div>
  );
}
