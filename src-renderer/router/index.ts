import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import HomePage from '../pages/HomePage.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** Title shown in the navigation and the window title. */
    title: string
    /** mdi icon name for the navigation. */
    icon: string
    /** Whether the page needs an open project (the navigation disables it otherwise). */
    needsProject?: boolean
  }
}

/**
 * Pages are listed here only once their data and workflow exist in the contract, so the navigation
 * never leads to an empty page. Hash history: the same bundle runs from file:// in Electron and from
 * the browser-mode server, whose token stays in the query string before the hash.
 */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage, meta: { title: 'Home', icon: 'mdi-home-outline' } },
  {
    path: '/data',
    name: 'data',
    component: () => import('../pages/DataPage.vue'),
    meta: { title: 'Data', icon: 'mdi-table-large', needsProject: true },
  },
  {
    path: '/new-potential',
    name: 'new-potential',
    component: () => import('../pages/PotentialWizardPage.vue'),
    meta: { title: 'New potential', icon: 'mdi-creation-outline', needsProject: true },
  },
  {
    path: '/training',
    name: 'training',
    component: () => import('../pages/TrainingPage.vue'),
    meta: { title: 'Training', icon: 'mdi-chart-timeline-variant', needsProject: true },
  },
  {
    path: '/hull',
    name: 'hull',
    component: () => import('../pages/HullPage.vue'),
    meta: { title: 'Convex hull', icon: 'mdi-chart-bell-curve-cumulative', needsProject: true },
  },
  {
    path: '/active-learning',
    name: 'active-learning',
    component: () => import('../pages/ActiveLearningPage.vue'),
    meta: { title: 'Active learning', icon: 'mdi-school-outline', needsProject: true },
  },
  {
    path: '/ev-elastic',
    name: 'ev-elastic',
    component: () => import('../pages/EvElasticPage.vue'),
    meta: { title: 'E–V and elastic', icon: 'mdi-chart-bell-curve', needsProject: true },
  },
  {
    path: '/dft-jobs',
    name: 'dft-jobs',
    component: () => import('../pages/DftJobsPage.vue'),
    meta: { title: 'DFT jobs', icon: 'mdi-server-network', needsProject: true },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('../pages/SettingsPage.vue'),
    meta: { title: 'Settings', icon: 'mdi-cog-outline' },
  },
  { path: '/:unknown(.*)*', redirect: '/' },
]

export function createStudioRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}

/**
 * Loads every lazily imported page in the background once the first page is on screen, so a later
 * click navigates without waiting for its chunk (about 0.2 s for the hull page in headless
 * Chromium). The module loader caches each import, so the router's own call resolves at once.
 */
export function prefetchPages(): Promise<unknown[]> {
  const loaders = routes.flatMap((route) => (typeof route.component === 'function' ? [route.component as () => Promise<unknown>] : []))
  return Promise.all(loaders.map((load) => load()))
}
