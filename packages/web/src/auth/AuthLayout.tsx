import type { ReactNode } from 'react';
import './auth.css';

export function AuthLayout({
  title,
  children,
  footer,
}: {
  title: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <div className="auth">
      <main className="auth-card">
        <p className="auth-brand">
          <img src="/favicon.svg" alt="" width="32" height="32" />
          <span>MiniMeet</span>
        </p>
        <h1>{title}</h1>
        {children}
        <p className="auth-footer">{footer}</p>
      </main>
    </div>
  );
}
