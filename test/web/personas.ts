/** The dev sign-in page's persona labels the browser tests sign in with. */
export const PERSONA = {
  wypReferrer: 'DC, West Yorkshire Police, referrer',
  sypReferrer: 'DS, South Yorkshire Police, referrer',
  assessor: 'DS, Yorkshire and the Humber Regional Organised Crime Unit, gateway assessor',
  chair: 'Det Supt, Yorkshire and the Humber Regional Organised Crime Unit, TTCG chair',
  manager: 'DCI, Yorkshire and the Humber Regional Organised Crime Unit, ROCU manager',
  emsouManager: 'DCI, East Midlands Special Operations Unit, ROCU manager',
  gain: 'DC, Yorkshire and the Humber Regional Organised Crime Unit, GAIN co-ordinator',
  hmrcReferrer: 'Officer, HM Revenue and Customs, referrer',
  ncaLiaison: 'Officer, National Crime Agency, NCA liaison',
  sio: 'DCI, Yorkshire and the Humber Regional Organised Crime Unit, SIO',
  wypLro: 'DI, West Yorkshire Police, LRO',
} as const;
