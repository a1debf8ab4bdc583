import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

/**
 * 适老化 (elder-friendly) mode: larger type, bigger touch targets and higher contrast, switched
 * on from any page and remembered on the device. It only sets a class on <html>; public.css
 * holds the look.
 */
const STORAGE_KEY = 'lianxin.elder';
const Context = createContext<{ elder: boolean; toggle(): void }>({ elder: false, toggle: () => undefined });

export function ElderProvider({ children }: { children: ReactNode }) {
  const [elder, setElder] = useState(() => localStorage.getItem(STORAGE_KEY) === '1');
  useEffect(() => { document.documentElement.classList.toggle('elder', elder); }, [elder]);
  const toggle = useCallback(() => setElder((on) => {
    localStorage.setItem(STORAGE_KEY, on ? '0' : '1');
    return !on;
  }), []);
  return <Context.Provider value={{ elder, toggle }}>{children}</Context.Provider>;
}

export const useElder = () => useContext(Context);
