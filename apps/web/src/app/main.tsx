import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../lib/i18n';
import { Providers } from './providers';
import './global.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers />
  </StrictMode>,
);
