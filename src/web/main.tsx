import { onlineManager } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import './ui/ui.css';
import './app/app.css';
import { Providers } from './app/providers';
import { registerServiceWorker } from './app/pwa';
import { AppRoutes } from './app/routes';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A page opened without a connection starts offline: queries wait for it instead of failing (ADR 0042).
onlineManager.setOnline(navigator.onLine);
registerServiceWorker();

createRoot(root).render(
  <StrictMode>
    <Providers>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
