import type { collect as fr } from '../fr/collect';

/** Collecting the évaluation à chaud on the participants' phones (desktop app, local network). */
export const collect: Record<keyof typeof fr, string> = {
  'evaluation.source.telephone': 'Sent from a phone',
  'collect.title': 'Answers on phones',
  'collect.intro': 'Participants answer on their own phones, without internet: they scan a QR code and fill in this workshop’s questionnaire. Answers arrive here and are stored like those entered on screen.',
  'collect.sameNetwork': 'The computer and the phones must be on the same Wi-Fi network: the venue’s, or the computer’s or a phone’s hotspot. Nothing leaves the local network.',
  'collect.firewall': 'The first time, the system may ask whether Fourmilière may receive connections (firewall): allow it on private networks, or the phones will not be able to open the page.',
  'collect.start': 'Collect on phones',
  'collect.starting': 'Starting…',
  'collect.notOpen': 'Collecting becomes possible when the évaluation à chaud opens, at the start of the session.',
  'collect.qrAlt': 'QR code of the address {url}',
  'collect.scan': 'Scan this code with the phone’s camera, or type the address:',
  'collect.count': '{count} / {total} {total, plural, one {answer} other {answers}}',
  'collect.countNoList': '{count, plural, one {# answer} other {# answers}}',
  'collect.byPhone': '{received, plural, =0 {none by phone yet} one {# by phone} other {# by phone}}{corrected, plural, =0 {} one {, # corrected} other {, # corrected}}',
  'collect.until': 'Collecting stops by itself at {time}.',
  'collect.isolation': 'If the phones cannot open the page, the venue’s Wi-Fi may keep devices apart: turn on the computer’s or a phone’s hotspot, connect the phones to it, then start collecting again.',
  'collect.stop': 'Stop collecting',
  'collect.stopped': 'Collecting stopped: {received, plural, =0 {no answer received by phone} one {# answer received by phone} other {# answers received by phone}}. The page no longer answers on the phones.',
  'collect.expired': 'Collecting stopped after 3 hours: {received, plural, =0 {no answer received by phone} one {# answer received by phone} other {# answers received by phone}}. Start it again if participants still have to answer.',
  'collect.close': 'Close',
  'collect.elsewhere': 'Phones are being collected for another evaluation. Stop it to start one here.',
  'collect.error.noNetwork': 'This computer is on no local network: connect it to the venue’s Wi-Fi, or turn on its hotspot, then try again.',
  'collect.error.other': 'Collecting could not start ({detail}).',
  'collect.desktopOnly': 'Collecting on phones needs the Fourmilière desktop app: a browser cannot receive answers from phones. You can print the questionnaire and copy the answers in afterwards.',
  'collect.print': 'Print the questionnaire',
};
